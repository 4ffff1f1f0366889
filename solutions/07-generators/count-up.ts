/**
 * Exercise 07-count-up: a generator app that streams.
 *
 * `countUp` answers `GET /?to=5` with five lines, "1\n" to "5\n", as five
 * chunks: one `yield` per line. Without `to`, it counts to 10.
 *
 * - Write it as a generator function (`function*`): the body of a generator
 *   runs only when the server asks for the first chunk, so startResponse is
 *   called there, lazily, in the generator's first step.
 * - Answer "200 OK" with `Content-Type: text/plain; charset=utf-8`, and no
 *   Content-Length (the server does not need one for a stream).
 * - `to` must be a whole number from 1 to 1000; anything else gets
 *   "400 Bad Request" (text/plain) and the one line
 *   "to must be a whole number from 1 to 1000\n".
 *
 * Read `to` with `new URLSearchParams(environ.QUERY_STRING).get("to")`.
 *
 * Check it: npm run learn -- check 07-count-up
 * Read: lessons/07-generators/README.md, "Exercise: count up, one line at a time".
 */
import { encode } from "../../gateway/bytes.ts";
import type { App } from "../../gateway/types.ts";

const TEXT: [string, string] = ["Content-Type", "text/plain; charset=utf-8"];

export const countUp: App = function* (environ, startResponse) {
  // Step: read `to` from the query string, and answer 400 when it is out of bounds.
  // Nothing here runs until the server pulls the first chunk.
  const to = Number(new URLSearchParams(environ.QUERY_STRING).get("to") ?? "10");
  if (!Number.isInteger(to) || to < 1 || to > 1000) {
    startResponse("400 Bad Request", [TEXT]);
    yield encode("to must be a whole number from 1 to 1000\n");
    return;
  }
  // Step: start the 200 answer, then yield one line per number.
  startResponse("200 OK", [TEXT]);
  for (let n = 1; n <= to; n++) yield encode(`${n}\n`); // one chunk per line
};
