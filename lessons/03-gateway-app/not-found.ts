/**
 * An app with more than one answer: "Hello World!" at `/`, and a
 * `404 Not Found` anywhere else. The status is the first argument of
 * `startResponse`; the headers are a list of `[name, value]` pairs.
 *
 * @example
 * // npx gateway serve lessons/03-gateway-app/not-found.ts --validate --port 8003
 * // curl -i http://127.0.0.1:8003/nowhere
 */
import { encode } from "../../gateway/bytes.ts";
import type { App } from "../../gateway/types.ts";

// #region not-found
export const app: App = (environ, startResponse) => {
  if (environ.PATH_INFO !== "/") {
    const body = encode(`Nothing at ${environ.PATH_INFO}\n`);
    startResponse("404 Not Found", [
      ["Content-Type", "text/plain; charset=utf-8"],
      ["Content-Length", String(body.byteLength)], // a string, like every value
    ]);
    return [body];
  }
  startResponse("200 OK", [["Content-Type", "text/plain; charset=utf-8"]]);
  return [encode("Hello World!\n")];
};
// #endregion not-found
