/**
 * The wrong way, 1: a try/catch around the call only.
 *
 * It catches what the app throws when it is called. But a generator app
 * does its work later, while the server reads the body, long after this
 * try/catch has returned: those errors fly past it to the server.
 */
import type { Middleware } from "../../gateway/types.ts";
import { logError, sorryPage } from "./log-error.ts";

// #region call-only
export const callOnly: Middleware = (app) =>
  async function guardCallOnly(environ, startResponse) {
    try {
      return await app(environ, startResponse); // returns the body: nothing has run yet
    } catch (error) {
      logError(environ, error);
      return sorryPage(startResponse, error);
    }
  };
// #endregion call-only
