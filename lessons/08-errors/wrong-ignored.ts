/**
 * The wrong way, 2: errors during iteration ignored.
 *
 * It wraps the whole body, then swallows the error: the body just ends
 * there. The server sees a body that finished normally, so the client gets
 * a 200 with half a page, marked complete, and nobody logs a thing.
 */
import type { Middleware } from "../../gateway/types.ts";

// #region ignored
export const ignoreErrors: Middleware = (app) =>
  async function* ignoring(environ, startResponse) {
    try {
      yield* await app(environ, startResponse);
    } catch {
      return; // the bug: the error is dropped, and the page just stops
    }
  };
// #endregion ignored
