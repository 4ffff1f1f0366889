/**
 * Exercise 08-mid-stream: an error in the middle of a stream.
 *
 * `safeStream` wraps a streaming app (a log tail, a CSV export...) and
 * handles an error wherever it happens. Count the bytes of the chunks you
 * pass on: they say which case you are in.
 *
 * - No byte sent yet: the status can still change. Log to
 *   `environ["gateway.errors"]`:
 *
 *       safeStream: failed before the response started, answering 500
 *       Error: disk read failed
 *           at ...
 *
 *   and answer "500 Internal Server Error", `text/plain; charset=utf-8`,
 *   with the body "Internal Server Error\n", calling startResponse with the
 *   error as excInfo (the app may have called it already).
 *
 * - Bytes sent: "200 OK" is on the wire and cannot be taken back. Log
 *
 *       safeStream: failed after 14 bytes, cutting the response
 *       Error: disk read failed
 *           at ...
 *
 *   and throw the error again, so the server cuts the connection and the
 *   client knows the answer is incomplete. Never swallow it, never yield
 *   anything more.
 *
 * A working app's chunks pass through one by one, unchanged.
 *
 * Check it: npm run learn -- check 08-mid-stream
 * Read: lessons/08-errors/README.md, "Exercise: an error in the middle of a stream".
 */
import type { Middleware } from "../../gateway/types.ts";

export const safeStream: Middleware = (app) =>
  async function* guardingStream(environ, startResponse) {
    // TODO: count the bytes you pass on, and put the loop in a try. In the
    // catch: before any byte, log and answer the 500 (with the error as excInfo);
    // after, log and throw the error again.
    for await (const chunk of await app(environ, startResponse)) {
      yield chunk;
    }
  };
