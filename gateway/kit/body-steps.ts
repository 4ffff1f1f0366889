/**
 * Taking a body one step at a time, for middleware that must see the
 * status before it decides (the job of Paste's
 * `paste.wsgilib.intercept_output` and its `conditional` test).
 *
 * A generator app may call startResponse lazily, in its first step
 * (PEP 3333, "The start_response() Callable"). Middleware that chooses
 * between answers by their status (the cascade, error documents) therefore
 * has to take that first step itself, then either send the body on from
 * where it stands, or drop it and finish it, so its `finally` blocks run.
 *
 * @example
 * const peeked = await peek(body);          // the app has called startResponse now
 * return skip ? (await finish(peeked), other) : resume(peeked);
 */
import type { Body, Chunk, Write } from "../types.ts";

type BodyIterator = Iterator<Chunk> | AsyncIterator<Chunk>;

/**
 * A body whose first step has been taken.
 * @example const { first, iterator } = await peek(body);
 */
export interface PeekedBody {
  readonly first: IteratorResult<Chunk>;
  readonly iterator: BodyIterator;
}

/**
 * Takes the body's first step, so that a lazy generator calls startResponse.
 * @example const peeked = await peek(await app(environ, watching.startResponse));
 */
export async function peek(body: Body): Promise<PeekedBody> {
  const iterator = iteratorOf(body);
  return { first: await iterator.next(), iterator };
}

/**
 * The body again, from the step already taken; finished if the server stops early.
 * @example return resume(peeked); // the first chunk, then the rest
 */
export async function* resume({ first, iterator }: PeekedBody): AsyncGenerator<Chunk> {
  let step = first;
  try {
    while (!step.done) {
      yield step.value;
      step = await iterator.next();
    }
  } finally {
    if (!step.done) await iterator.return?.();
  }
}

/**
 * Finishes a body that will not be sent (whole or peeked), so its `finally` blocks run.
 * @example await finish(peeked); // the app answered 404: ask the next one
 */
export async function finish(body: Body | PeekedBody): Promise<void> {
  if (Array.isArray(body)) return;
  if ("iterator" in body) {
    if (!body.first.done) await body.iterator.return?.();
  } else {
    await iteratorOf(body).return?.();
  }
}

/**
 * The write() of an answer that will not be sent: its bytes go nowhere.
 * @example if (skipped) return discard; // from the startResponse given to the app
 */
export const discard: Write = async () => {};

function iteratorOf(body: Body): BodyIterator {
  return Symbol.asyncIterator in body ? body[Symbol.asyncIterator]() : body[Symbol.iterator]();
}
