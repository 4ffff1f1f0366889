/**
 * A `ResponseSink` that answers with a Fetch `Response`.
 *
 * The request cycle (response-cycle.ts) pushes: head, then each chunk,
 * waiting for `send()` before it asks the app for the next. A Fetch
 * `Response` is pulled: its body is a `ReadableStream` that its reader
 * reads when it is ready. The sink joins the two. The `Response` is handed
 * over when the head goes out: with the first bytes of the body, or at its
 * end if it has none. Each chunk is put in its body stream, and `send()`
 * resolves only when the reader comes back for more. So the app runs at
 * most one chunk ahead of the reader, however slow the reader. A body that
 * is neither read to the end nor cancelled keeps the app waiting: a runtime
 * cancels it when its client goes away. A cancelled body, or the request's
 * own signal aborting (a runtime aborts `request.signal` when its client
 * goes away), aborts `gateway.signal`.
 *
 * @example
 * const sink = new ResponseStreamSink(request.signal);
 * void runCycle(app, environ, sink);
 * return sink.response; // resolves when the head goes out, with the first bytes
 */
import { type ClientWatch, watchSignal } from "../request-signal.ts";
import { ClientGone, type ResponseSink } from "../response-cycle.ts";
import type { Chunk, Headers } from "../types.ts";

/** Statuses whose `Response` must have no body at all (the Fetch standard's "null body status"). */
const NULL_BODY = new Set([204, 205, 304]);

/**
 * Sends the response as a Fetch `Response`, its body streamed on demand.
 * @example const sink = new ResponseStreamSink(request.signal); await runCycle(app, environ, sink);
 */
export class ResponseStreamSink implements ResponseSink, ClientWatch {
  /** Resolves with the `Response` when the head goes out; rejects if the cycle fails first. */
  readonly response: Promise<Response>;
  #resolve!: (response: Response) => void;
  #reject!: (error: Error) => void;
  /** How chunks go into the body stream; unset until the head, and for a status with no body. */
  #controller: ReadableStreamDefaultController<Uint8Array> | undefined;
  /** The `send()` waiting for the reader to come back for more. */
  #waiting: { resolve: () => void; reject: (error: ClientGone) => void } | undefined;
  /** Set when the reader cancelled the body: nobody will read what comes next. */
  #cancelled = false;
  /** `gateway.signal`'s abort, once the app has read it. */
  #abortSignal: ((reason: ClientGone) => void) | undefined;

  constructor(readonly requestSignal: AbortSignal) {
    this.response = new Promise((resolve, reject) => {
      this.#resolve = resolve;
      this.#reject = reject;
    });
  }

  watchClient(abort: (reason: ClientGone) => void): void {
    watchSignal(this.requestSignal, "the request was aborted").watchClient(abort);
    if (this.#cancelled) abort(gone());
    else this.#abortSignal = abort;
  }

  head(code: number, reason: string, headers: Headers): void {
    const body = NULL_BODY.has(code) ? null : this.#bodyStream();
    this.#resolve(new Response(body, { status: code, statusText: reason, headers }));
  }

  /**
   * Queues the chunk and waits until the reader asks for the next one.
   * A status with no body drops the bytes, as `node:http` does.
   */
  send(chunk: Chunk): Promise<void> {
    if (this.#cancelled) return Promise.reject(gone());
    if (this.#controller === undefined) return Promise.resolve();
    this.#controller.enqueue(chunk);
    return new Promise((resolve, reject) => {
      this.#waiting = { resolve, reject };
    });
  }

  end(last?: Chunk): void {
    if (this.#controller === undefined || this.#cancelled) return;
    if (last !== undefined) this.#controller.enqueue(last);
    this.#controller.close();
  }

  /**
   * Errors the body stream, so its reader sees a cut body, not a short
   * one that ends cleanly. Before the head, the `Response` itself fails.
   */
  abort(): void {
    const error = new Error("the app failed while sending its response: the body is cut short");
    this.#reject(error);
    if (!this.#cancelled) this.#controller?.error(error);
  }

  /**
   * The body: with no reserve (a high-water mark of 0), the stream calls
   * `pull` only when a read finds nothing queued, that is, when the reader
   * has taken the last chunk and wants another.
   */
  #bodyStream(): ReadableStream<Uint8Array> {
    return new ReadableStream<Uint8Array>(
      {
        start: (controller) => {
          this.#controller = controller;
        },
        pull: () => {
          this.#waiting?.resolve();
          this.#waiting = undefined;
        },
        cancel: () => {
          this.#cancelled = true;
          this.#waiting?.reject(gone());
          this.#waiting = undefined;
          this.#abortSignal?.(gone());
        },
      },
      { highWaterMark: 0 },
    );
  }
}

function gone(): ClientGone {
  return new ClientGone("the reader cancelled the response body");
}
