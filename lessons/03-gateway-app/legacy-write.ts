/**
 * The legacy way to send a body: the `write` function that
 * `startResponse` returns (PEP 3333, "The write() Callable").
 *
 * It exists for old code that printed its output as it went. Prefer
 * returning an iterable: with `write`, the app must remember to await
 * every call, or it loses back-pressure and fills memory.
 *
 * @example
 * // npx gateway serve lessons/03-gateway-app/legacy-write.ts --validate --port 8003
 */
import { encode } from "../../gateway/bytes.ts";
import type { App } from "../../gateway/types.ts";

// #region write
export const app: App = async (_environ, startResponse) => {
  const write = startResponse("200 OK", [["Content-Type", "text/plain; charset=utf-8"]]);
  await write(encode("Hello ")); // resolves once the socket has taken the bytes
  await write(encode("World!\n"));
  return []; // the body was written already; the iterable is empty
};
// #endregion write
