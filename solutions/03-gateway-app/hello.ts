/**
 * Exercise 03-hello-app: turn the CGI hello into a gateway app.
 *
 * In lesson 02 you wrote "Hello World!" as a CGI program: it printed a
 * `Status:` line, headers, an empty line and a body to stdout. Write the
 * same answer as a gateway app: a function of `(environ, startResponse)`
 * that returns its body as an iterable of byte chunks.
 *
 * - GET (and HEAD) answer "200 OK", with the headers
 *   `Content-Type: text/plain; charset=utf-8` and a `Content-Length` that
 *   counts the bytes of the body, and the body "Hello World!\n".
 * - Any other method answers "405 Method Not Allowed", with the header
 *   `Allow: GET, HEAD`, a Content-Type, and the body "Method Not Allowed\n".
 *
 * Check it: npm run learn -- check 03-hello-app
 * Read: lessons/03-gateway-app/README.md, "Exercise: turn the CGI hello into an app".
 */
import { encode } from "../../gateway/bytes.ts";
import type { App } from "../../gateway/types.ts";

// Step: refuse every method but GET and HEAD with a 405 answer and its Allow header.
export const app: App = (environ, startResponse) => {
  // The method is in the environ, as REQUEST_METHOD was in the CGI environment.
  if (environ.REQUEST_METHOD !== "GET" && environ.REQUEST_METHOD !== "HEAD") {
    startResponse("405 Method Not Allowed", [
      ["Content-Type", "text/plain; charset=utf-8"],
      ["Allow", "GET, HEAD"],
    ]);
    return [encode("Method Not Allowed\n")];
  }
  // Step: answer 200 with the greeting, its Content-Type and its Content-Length.
  // Encode first, then count: Content-Length is a number of bytes.
  const body = encode("Hello World!\n");
  startResponse("200 OK", [
    ["Content-Type", "text/plain; charset=utf-8"],
    ["Content-Length", String(body.byteLength)],
  ]);
  return [body];
};
