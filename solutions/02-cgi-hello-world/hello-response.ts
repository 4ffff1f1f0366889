/**
 * Exercise 02-cgi-response: write a CGI response by hand.
 *
 * A CGI program answers by printing: header lines, a blank line, then the
 * body. Here you build that output as one string, so a test can check it;
 * lessons/02-cgi-hello-world/cgi-bin/exercise-hello.ts runs your function
 * as a real program (try it with `npm run demo -- 2`).
 *
 * `respond(env, body)` gets the meta-variables (`env.REQUEST_METHOD` is
 * "GET", "POST", ...) and the request body, and returns the whole output:
 *
 * - For GET and HEAD: the status `200 OK`, the headers
 *   `Content-Type: text/plain; charset=utf-8` and `Content-Length` (the
 *   size of the body in bytes), and the body "Hello World!\n".
 * - For any other method: the status `405 Method Not Allowed`, the headers
 *   `Allow: GET, HEAD` and a Content-Type, and the body "Method Not Allowed\n".
 *
 * The status goes in a `Status:` header. End each line with "\r\n", and
 * the headers with an empty line.
 *
 * Check it: npm run learn -- check 02-cgi-response
 * Read: lessons/02-cgi-hello-world/README.md, "Exercise: write a CGI response by hand".
 */

// Step: refuse every method but GET and HEAD with a 405 answer.
export function respond(env: Record<string, string | undefined>, _body: string): string {
  if (env.REQUEST_METHOD !== "GET" && env.REQUEST_METHOD !== "HEAD") {
    // The status of a CGI answer is a header for the server: it writes the real status line.
    return (
      "Status: 405 Method Not Allowed\r\n" +
      "Allow: GET, HEAD\r\n" +
      "Content-Type: text/plain; charset=utf-8\r\n" +
      "\r\n" +
      "Method Not Allowed\n"
    );
  }
  // Step: answer 200 with the greeting and its length in bytes.
  const text = "Hello World!\n";
  return (
    "Status: 200 OK\r\n" +
    "Content-Type: text/plain; charset=utf-8\r\n" +
    `Content-Length: ${Buffer.byteLength(text)}\r\n` + // bytes: "é" would count 2
    "\r\n" + // the blank line that ends the headers
    text
  );
}
