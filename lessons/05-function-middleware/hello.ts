/**
 * Lesson 05's app: a plain-text "Hello World!", the kind of app lesson 03 wrote.
 *
 * The middleware in this folder wrap it without changing a line of it.
 */
import { encode } from "../../gateway/bytes.ts";
import type { App } from "../../gateway/types.ts";

// #region hello
export const hello: App = (_environ, startResponse) => {
  const body = encode("Hello World!\n");
  startResponse("200 OK", [
    ["Content-Type", "text/plain; charset=utf-8"],
    ["Content-Length", String(body.byteLength)],
  ]);
  return [body];
};
// #endregion hello
