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
import { encode } from "../../gateway/bytes.ts";
import type { Middleware } from "../../gateway/types.ts";

const ERROR_TEXT = encode("Internal Server Error\n");

export const safeStream: Middleware = (app) =>
  async function* guardingStream(environ, startResponse) {
    const log = environ["gateway.errors"];
    let sent = 0; // bytes passed on: once there are any, the headers went out with them
    try {
      for await (const chunk of await app(environ, startResponse)) {
        sent += chunk.byteLength;
        yield chunk;
      }
    } catch (error) {
      const stack = error instanceof Error ? (error.stack ?? String(error)) : String(error);
      if (sent > 0) {
        log.write(`safeStream: failed after ${sent} bytes, cutting the response\n${stack}\n`);
        throw error; // too late for a status: the server cuts the connection
      }
      log.write(`safeStream: failed before the response started, answering 500\n${stack}\n`);
      const headers: [string, string][] = [
        ["Content-Type", "text/plain; charset=utf-8"],
        ["Content-Length", String(ERROR_TEXT.byteLength)],
      ];
      startResponse("500 Internal Server Error", headers, error);
      yield ERROR_TEXT;
    }
  };
