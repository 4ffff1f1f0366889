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

export const app: App = (_environ, startResponse) => {
  // (The _ in _environ marks it unused for now: drop it when you use it.)
  // TODO: unless environ.REQUEST_METHOD is GET or HEAD, answer 405 Method Not Allowed,
  // with an Allow header, a Content-Type and the body "Method Not Allowed\n".
  // TODO: answer 200 OK with "Hello World!\n", its Content-Type and its Content-Length.
  startResponse("501 Not Implemented", [["Content-Type", "text/plain; charset=utf-8"]]);
  return [encode("Not done yet: edit starter/03-gateway-app/hello.ts\n")];
};
