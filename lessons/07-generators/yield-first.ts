/**
 * A generator app with a bug: it yields a chunk before calling startResponse.
 *
 * Serve it with the validator to read what the rule says:
 * npx gateway serve lessons/07-generators/yield-first.ts --validate --port 8007
 */
import { encode } from "../../gateway/bytes.ts";
import type { App } from "../../gateway/types.ts";

// #region yield-first
export const app: App = function* (_environ, startResponse) {
  yield encode("Hello"); // the bug: no status or headers yet
  startResponse("200 OK", [["Content-Type", "text/plain; charset=utf-8"]]);
  yield encode(" World!\n");
};
// #endregion yield-first
