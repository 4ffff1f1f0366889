/**
 * A `ResponseSink` that answers with a Fetch `Response`.
 *
 * The request cycle (response-cycle.ts) pushes: head, then each chunk,
 * waiting for `send()` before it asks the app for the next. A Fetch
 * `Response` is pulled: its body is a `ReadableStream` that its reader
 * reads when it is ready. The sink joins the two. The `Response` is handed
 * over when the head goes out: with the first bytes of the body, or at its
 * end. A body the cycle knows in full by then (a list of one chunk, an
 * empty body) goes in the `Response` as bytes: a runtime sends those with
 * the head, in one write, where a stream costs it a write per chunk and
 * more (bench/README.md). Otherwise each chunk is put in a body stream,
 * and `send()` resolves only when the reader comes back for more. So the
 * app runs at most one chunk ahead of the reader, however slow the
 * reader. A body that is neither read to the end nor cancelled keeps the
 * app waiting: a runtime cancels it when its client goes away. A cancelled
 * body, or the request's own signal aborting (a runtime aborts
 * `request.signal` when its client goes away), aborts `gateway.signal`.
 *
 * @example
 * const sink = new ResponseStreamSink(request);
 * void runCycle(app, environ, sink);
 * return sink.response; // resolves when the head goes out, with the first bytes
 */
import { type ClientWatch, watchSignal } from "../request-signal.ts";
import { ClientGone, type ResponseSink } from "../response-sink.ts";
import type { Chunk, Headers } from "../types.ts";

/** Statuses whose `Response` must have no body at all (the Fetch standard's "null body status"). */
const NULL_BODY = new Set([204, 205, 304]);

/**
 * Sends the response as a Fetch `Response`: its body as bytes when known
 * in full at the head, else streamed on demand.
 * @example const sink = new ResponseStreamSink(request); await runCycle(app, environ, sink);
 */
export class ResponseStreamSink implements ResponseSink, ClientWatch {
  /** The `Response`, once the head went out: a handler may return it at once, without awaiting. */
  sent: Response | undefined;
  /** Why the cycle failed before the head went out. */
  #failure: Error | undefined;
  /** The promise `response` handed out, made only when asked for: most answers are `sent` at once. */
  #promised: Promise<Response> | undefined;
  /** The status and headers, kept until the cycle says whether bytes or a stream follow. */
  #head: ResponseInit | undefined;
  #resolve: ((response: Response) => void) | undefined;
  #reject: ((error: Error) => void) | undefined;
  /** How chunks go into the body stream; unset until the head, and for a status with no body. */
  #controller: ReadableStreamDefaultController<Uint8Array> | undefined;
  /** The `send()` waiting for the reader to come back for more. */
  #waiting: { resolve: () => void; reject: (error: ClientGone) => void } | undefined;
  /** Set when the reader cancelled the body: nobody will read what comes next. */
  #cancelled = false;
  /** `gateway.signal`'s abort, once the app has read it. */
  #abortSignal: ((reason: ClientGone) => void) | undefined;

  /** `request.signal` is read only if the app reads `gateway.signal`: a runtime may make it on demand. */
  constructor(readonly request: Request) {}

  /** Resolves with the `Response` when the head goes out; rejects if the cycle fails first. */
  get response(): Promise<Response> {
    this.#promised ??= new Promise((resolve, reject) => {
      if (this.sent !== undefined) resolve(this.sent);
      else if (this.#failure !== undefined) reject(this.#failure);
      this.#resolve = resolve;
      this.#reject = reject;
    });
    return this.#promised;
  }

  watchClient(abort: (reason: ClientGone) => void): void {
    watchSignal(this.request.signal, "the request was aborted").watchClient(abort);
    if (this.#cancelled) abort(gone());
    else this.#abortSignal = abort;
  }

  /** Keeps the head: the cycle calls `send` (a stream follows) or `end` (the whole body) next. */
  head(code: number, reason: string, headers: Headers): void {
    this.#head = { status: code, statusText: reason, headers: headersInit(headers) };
  }

  /**
   * Queues the chunk and waits until the reader asks for the next one.
   * A status with no body drops the bytes, as `node:http` does.
   */
  send(chunk: Chunk): Promise<void> {
    if (this.#head !== undefined) this.#answer(this.#hasBody() ? this.#bodyStream() : null);
    if (this.#cancelled) return Promise.reject(gone());
    if (this.#controller === undefined) return Promise.resolve();
    this.#controller.enqueue(chunk);
    return new Promise((resolve, reject) => {
      this.#waiting = { resolve, reject };
    });
  }

  end(last?: Chunk): void {
    // No stream yet: the body is `last`, known in full.
    if (this.#head !== undefined) {
      this.#answer(this.#hasBody() ? (last ?? null) : null);
      return;
    }
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
    this.#failure ??= error;
    this.#reject?.(error);
    if (!this.#cancelled) this.#controller?.error(error);
  }

  /** False for a status whose `Response` must have no body. */
  #hasBody(): boolean {
    return !NULL_BODY.has(this.#head?.status as number);
  }

  /** Hands over the `Response`: the head kept, and `body`. */
  #answer(body: ReadableStream<Uint8Array> | Chunk | null): void {
    // A chunk is bytes, which a Response takes; TypeScript's BodyInit leaves out shared memory.
    this.sent = new Response(body as BodyInit | null, this.#head);
    this.#head = undefined;
    this.#resolve?.(this.sent);
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

/**
 * The headers as a plain object when no name repeats: a runtime reads that
 * faster than a list (@hono/node-server hands it to `node:http` as it is).
 * A repeated name (Set-Cookie) keeps the list, which keeps each apart.
 */
function headersInit(headers: Headers): HeadersInit {
  const init: Record<string, string> = {};
  for (const [name, value] of headers) {
    if (name in init) return headers;
    init[name] = value;
  }
  return init;
}

function gone(): ClientGone {
  return new ClientGone("the reader cancelled the response body");
}
