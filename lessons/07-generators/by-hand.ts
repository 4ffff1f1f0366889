/**
 * What `for await...of` does for a middleware, written out by hand.
 *
 * A middleware that pulls chunks with next() itself must also finish the
 * app's body when it stops early: a try/finally that calls return(). The
 * server does exactly this with every body it sends.
 */
import type { Middleware } from "../../gateway/types.ts";

// #region by-hand
export const passThrough: Middleware = (app) =>
  async function* passing(environ, startResponse) {
    const body = await app(environ, startResponse);
    const iterator =
      Symbol.asyncIterator in body ? body[Symbol.asyncIterator]() : body[Symbol.iterator]();
    try {
      for (let step = await iterator.next(); !step.done; step = await iterator.next()) {
        yield step.value; // if the server calls our return() here, finally runs...
      }
    } finally {
      await iterator.return?.(); // ...and finishes the app's body (a no-op if it ended)
    }
  };
// #endregion by-hand
