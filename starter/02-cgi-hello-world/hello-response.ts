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

export function respond(_env: Record<string, string | undefined>, _body: string): string {
  // (The _ in _env and _body marks them unused for now: drop it as you use one.)
  // TODO: for a method other than GET and HEAD, return the 405 answer.
  // TODO: return the 200 answer: Status, Content-Type, Content-Length, a blank line, the body.
  return "Status: 501 Not Implemented\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nNot done yet\n";
}
