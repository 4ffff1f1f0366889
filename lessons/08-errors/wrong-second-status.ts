/**
 * The wrong way, 3: a second status after the headers went out.
 *
 * It catches the error and tries to answer 500 instead, with a second call
 * of startResponse and no excInfo. But "200 OK" is already on the wire, and
 * the server refuses the second call: the refusal replaces the real error.
 */
import { encode } from "../../gateway/bytes.ts";
import type { Middleware } from "../../gateway/types.ts";

// #region second-status
export const secondStatus: Middleware = (app) =>
  async function* restarting(environ, startResponse) {
    try {
      yield* await app(environ, startResponse);
    } catch {
      startResponse("500 Internal Server Error", [["Content-Type", "text/plain"]]); // the bug
      yield encode("Something went wrong.\n");
    }
  };
// #endregion second-status
