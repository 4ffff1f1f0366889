/**
 * An app with a bug the type checker cannot see, for the validator to find.
 *
 * It counts the characters of its text, not the bytes: "ü" is one
 * character but two bytes in UTF-8, so Content-Length is too small.
 *
 * @example
 * // npx gateway serve lessons/03-gateway-app/broken.ts --validate --port 8003
 */
import { encode } from "../../gateway/bytes.ts";
import type { App } from "../../gateway/types.ts";

// #region broken
export const app: App = (_environ, startResponse) => {
  const text = "Grüß Gott!\n";
  startResponse("200 OK", [
    ["Content-Type", "text/plain; charset=utf-8"],
    ["Content-Length", String(text.length)], // the bug: characters, not bytes
  ]);
  return [encode(text)];
};
// #endregion broken
