/**
 * Lesson 03's app: lesson 02's CGI "Hello World!", as a gateway app.
 *
 * The CGI program read its request from the process (environment
 * variables, stdin) and wrote its answer to stdout. The app is a plain
 * function instead: the request comes in as `environ`, the status and
 * headers go out through `startResponse`, and the body is what it returns.
 *
 * @example
 * // npm run demo -- 3, then: curl -i http://127.0.0.1:8003/
 */
import { encode } from "../../gateway/bytes.ts";
import type { App } from "../../gateway/types.ts";

// #region app
export const app: App = (_environ, startResponse) => {
  const body = encode("Hello World!\n"); // text becomes bytes here, once
  startResponse("200 OK", [
    ["Content-Type", "text/plain; charset=utf-8"],
    ["Content-Length", String(body.byteLength)],
  ]);
  return [body]; // an iterable of byte chunks: here, an array of one
};
// #endregion app
