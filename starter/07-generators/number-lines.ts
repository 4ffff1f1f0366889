/**
 * Exercise 07-number-lines: a generator middleware that transforms a stream chunk by chunk.
 *
 * `numberLines` wraps an app and numbers the lines of its plain-text answers:
 *
 *   "one\ntwo\nthree\n"  becomes  "1: one\n2: two\n3: three\n"
 *
 * - Only answers whose Content-Type starts with "text/plain" change; others
 *   pass through as they are. Numbered answers are longer: drop their
 *   Content-Length.
 * - Stream: yield one chunk for each chunk the app yields, as soon as it
 *   comes (PEP 3333, "Middleware Handling of Block Boundaries"). Never read
 *   the whole body first.
 * - A line may be split between two chunks ("one\ntw" then "o\n"): number it
 *   once, where it starts. So is a character: decode with one TextDecoder,
 *   `decoder.decode(chunk, { stream: true })`, and flush it at the end.
 * - When the server stops early (the client left), the app's body must be
 *   finished too, so its `finally` blocks run.
 *
 * Check it: npm run learn -- check 07-number-lines
 * Read: lessons/07-generators/README.md, "Exercise: number the lines of a stream".
 */
import type { Middleware } from "../../gateway/types.ts";

export const numberLines: Middleware = (app) =>
  async function* numbering(environ, startResponse) {
    // TODO: 1. Call the app with a startResponse of your own that notes
    //          whether the answer is text/plain and, if so, drops its
    //          Content-Length before calling the server's startResponse.
    //       2. For each chunk of the body (for await), yield one chunk:
    //          as it is, or decoded (stream: true), numbered, encoded.
    //          Remember between chunks whether the next character starts a line.
    //       3. After the loop, flush the decoder: decoder.decode().
    yield* await app(environ, startResponse);
  };
