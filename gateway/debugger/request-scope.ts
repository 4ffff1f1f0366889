/**
 * The request scope: which debugged request a throw belongs to.
 *
 * Pausing is one switch for the whole process (V8 has only one), so while
 * a debugged request runs, every throw pauses: in another request running
 * at the same time, in a timer, in a server that is not debugged. And one
 * error object can be thrown many times: a library may keep one and throw
 * it again at each failure (an abort reason, say). Identity alone would
 * then pair an error with a capture made somewhere else, and a page would
 * show another request's frames and locals. So a capture is also filed
 * under the request it was made in, and the middleware takes only the
 * captures of its own request.
 *
 * Node's `AsyncLocalStorage` knows the request: a value given to `run()`
 * is seen by everything that call starts, through every `await`, timer
 * and callback, and by nothing else. The server asks for a body's chunks
 * from outside the request, so each step of the body is run inside it too.
 *
 * @example
 * await duringRequest(environ, () => app(environ, startResponse));
 * currentRequest(); // inside: environ; outside any debugged request: undefined
 */
import { AsyncLocalStorage } from "node:async_hooks";
import type { Body, Chunk } from "../types.ts";

const requests = new AsyncLocalStorage<object>();

/**
 * Runs `work` as part of `request` (any object that names it: the middleware uses its environ).
 * @example const body = await duringRequest(environ, () => app(environ, startResponse));
 */
export function duringRequest<T>(request: object, work: () => T): T {
  return requests.run(request, work);
}

/**
 * The request the running code is part of; undefined outside any.
 * @example captures.set(error, { request: currentRequest(), frames });
 */
export function currentRequest(): object | undefined {
  return requests.getStore();
}

/**
 * The body's chunks, each one made as part of `request`, whoever asks for it.
 * @example for await (const chunk of stepsDuringRequest(environ, body)) yield chunk;
 */
export function stepsDuringRequest(request: object, body: Body): AsyncIterable<Chunk> {
  const iterator =
    Symbol.asyncIterator in body ? body[Symbol.asyncIterator]() : body[Symbol.iterator]();
  const finished: IteratorResult<Chunk> = { done: true, value: undefined };
  return {
    [Symbol.asyncIterator]: () => ({
      next: async () => duringRequest(request, () => iterator.next()),
      // `for await` calls this when it stops early: the body's `finally` blocks run.
      return: async () => (await duringRequest(request, () => iterator.return?.())) ?? finished,
    }),
  };
}
