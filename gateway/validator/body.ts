/**
 * The watched body: checks on what the app returns, and on how the server reads it.
 *
 * An array is complete when the app returns it, so it is checked at once
 * and handed on as it is (servers may then send a Content-Length).
 * Anything else (a generator, a stream) is wrapped in a `WatchedBody`,
 * which checks each chunk as the server pulls it, one chunk per chunk
 * (PEP 3333, "Middleware Handling of Block Boundaries"), and never buffers.
 * The wrapper passes `return()` on to the app's iterator, so when the
 * server stops early the app's `finally` blocks still run.
 *
 * @example
 * const body = watchBody(await app(environ, startResponse), record);
 * for await (const chunk of body) send(chunk); // checked chunk by chunk
 */
import type { Body, Chunk } from "../types.ts";
import type { ResponseRecord } from "./response-record.ts";
import { fail, show } from "./validation-error.ts";

/** Checks what the app returned and gives the body the server should read. */
export function watchBody(body: unknown, record: ResponseRecord): Body {
  checkBodyNotChunk(body);
  checkBodyIterable(body);
  if (!Array.isArray(body)) return new WatchedBody(body, record);
  for (const chunk of body) record.count(checkChunk(chunk));
  record.end();
  return body;
}

/**
 * A body the server reads through the validator. Both sync and async
 * bodies come out async: `await` takes either kind of step.
 */
export class WatchedBody implements AsyncIterableIterator<Chunk> {
  readonly #inner: Iterator<unknown> | AsyncIterator<unknown>;
  readonly #record: ResponseRecord;
  #finished = false;

  constructor(body: Body, record: ResponseRecord) {
    this.#inner =
      Symbol.asyncIterator in body ? body[Symbol.asyncIterator]() : body[Symbol.iterator]();
    this.#record = record;
  }

  /** True once the body ran to its end, threw, or was `return()`ed: nothing more to clean up. */
  get finished(): boolean {
    return this.#finished;
  }

  [Symbol.asyncIterator](): this {
    return this;
  }

  async next(): Promise<IteratorResult<Chunk, undefined>> {
    checkNotReadAfterFinish(this.#finished);
    let step: IteratorResult<unknown>;
    try {
      step = await this.#inner.next();
    } catch (error) {
      this.#finished = true; // an iterator that threw is done: its finally blocks already ran
      throw error;
    }
    try {
      return this.#check(step);
    } catch (error) {
      await this.return(); // the server will not, once next() has thrown
      throw error;
    }
  }

  async return(): Promise<IteratorResult<Chunk, undefined>> {
    if (!this.#finished) {
      this.#finished = true;
      await this.#inner.return?.();
    }
    return { done: true, value: undefined };
  }

  #check(step: IteratorResult<unknown>): IteratorResult<Chunk, undefined> {
    if (step.done) {
      this.#finished = true;
      this.#record.end();
      return { done: true, value: undefined };
    }
    const chunk = checkChunk(step.value);
    this.#record.count(chunk);
    return { done: false, value: chunk };
  }
}

/** Rule `body-not-chunk`: both are iterable, but of characters or numbers, not of chunks. */
function checkBodyNotChunk(body: unknown): void {
  if (typeof body === "string" || body instanceof Uint8Array) fail("body-not-chunk", show(body));
}

/** Rule `body-iterable`. */
function checkBodyIterable(body: unknown): asserts body is Body {
  const iterable =
    typeof body === "object" &&
    body !== null &&
    (Symbol.iterator in body || Symbol.asyncIterator in body);
  if (!iterable) fail("body-iterable", show(body));
}

/** Rule `chunk-bytes`. Returns the chunk, typed. */
function checkChunk(chunk: unknown): Chunk {
  if (!(chunk instanceof Uint8Array)) fail("chunk-bytes", show(chunk));
  return chunk;
}

/** Rule `read-after-finish`: a finished iterator has nothing left, and its resources are gone. */
function checkNotReadAfterFinish(finished: boolean): void {
  if (finished) fail("read-after-finish", "next() on a body that had finished");
}

/** Rule `body-finished`. */
export function checkBodyFinished(body: WatchedBody): void {
  if (!body.finished) fail("body-finished", "a body the server left unfinished");
}
