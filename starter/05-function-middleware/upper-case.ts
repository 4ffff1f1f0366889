/**
 * Exercise 05-upper-case: a middleware that rewrites the body.
 *
 * `upperCase` wraps an app and upper-cases its plain-text answers:
 *
 *   const app = upperCase(hello);
 *   // hello says "Hello, straße!\n"; app says "HELLO, STRASSE!\n"
 *
 * - Only answers whose Content-Type starts with "text/plain" change; any
 *   other answer (HTML, images, ...) goes out exactly as the app made it.
 * - Keep the status and the other headers. Upper-casing can change the
 *   length in bytes (the ligature "ﬁ" is 3 bytes, "FI" is 2), so replace
 *   the Content-Length with the length of the new bytes (or drop it).
 * - Bodies are bytes: decode them to text (UTF-8), upper-case, encode again.
 * - The app may be a generator that calls startResponse in its first step,
 *   and it may use write(): the body it sends either way must be upper-cased.
 *
 * Check it: npm run learn -- check 05-upper-case
 * Read: lessons/05-function-middleware/README.md, "Exercise: upper-case the body".
 */
import type { Middleware } from "../../gateway/types.ts";

export const upperCase: Middleware = (app) =>
  async function upperCased(environ, startResponse) {
    // TODO: 1. Call the app with a startResponse of your own that only holds
    //          the status and headers back, and returns a write() that keeps
    //          the chunks it is given.
    //       2. Read the whole body (for await), keeping its chunks too.
    //       3. Not text/plain? Call the server's startResponse with what you
    //          held, and return the chunks as they are.
    //       4. Text: decode, upper-case, encode; start the response with the
    //          headers minus the old Content-Length, plus the new one; return [bytes].
    return app(environ, startResponse);
  };
