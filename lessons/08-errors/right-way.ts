/**
 * The right way: catch errors from the call and from every chunk, log them,
 * and let startResponse with excInfo decide what the client gets.
 */
import type { Middleware } from "../../gateway/types.ts";
import { logError, sorryPage } from "./log-error.ts";

// #region right-way
export const catchErrors: Middleware = (app) =>
  async function* guarded(environ, startResponse) {
    try {
      yield* await app(environ, startResponse); // the call and every chunk are inside
    } catch (error) {
      logError(environ, error);
      // Nothing sent yet: the 500 replaces the app's status. Headers already
      // out: startResponse rethrows `error`, and the server cuts the connection.
      yield* sorryPage(startResponse, error);
    }
  };
// #endregion right-way
