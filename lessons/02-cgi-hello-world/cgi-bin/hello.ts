/**
 * A CGI "Hello World!", written by hand: no gateway code at all.
 *
 * The web server starts this program once per request. The request comes
 * in as environment variables (the "meta-variables") and the body on
 * stdin; the answer goes out on stdout: header lines, a blank line, the
 * body. Then the program exits, and the server sends the answer on.
 *
 * @example
 * // npm run demo -- 2, then: curl -i "http://127.0.0.1:8002/hello.ts?x=1"
 */
import { readBody } from "../read-body.ts";

// #region hello
const env = process.env; // the request, as the server described it
const body = await readBody(Number(env.CONTENT_LENGTH || 0));
const query = env.QUERY_STRING ? `?${env.QUERY_STRING}` : "";
const text =
  "Hello World!\n" +
  `You sent ${env.REQUEST_METHOD} ${env.SCRIPT_NAME}${env.PATH_INFO ?? ""}${query}` +
  ` with a body of ${Buffer.byteLength(body)} bytes: ${JSON.stringify(body)}\n`;

process.stdout.write("Status: 200 OK\r\n"); // for the server, which makes it the status line
process.stdout.write("Content-Type: text/plain; charset=utf-8\r\n");
process.stdout.write(`Content-Length: ${Buffer.byteLength(text)}\r\n`); // bytes, not characters
process.stdout.write("\r\n"); // the blank line: the headers end here
process.stdout.write(text);
// #endregion hello
