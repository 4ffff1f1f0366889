/**
 * The request cycle: one request, from calling the app to the last byte.
 *
 * Every server in the workshop (`node:http`, CGI, FastCGI, the bridges and
 * the test client) runs apps through `runCycle`, and supplies only its I/O
 * as a `ResponseSink`. So the rules of PEP 3333 are kept in one place:
 * - `startResponse` only records the status and headers ("The
 *   start_response() Callable"); they go out with the first non-empty chunk,
 *   or at the end for an empty body ("Buffering and Streaming");
 * - a second call needs `excInfo`, and rethrows it once headers went out
 *   ("Error Handling");
 * - the server waits until the peer took each chunk before asking for the
 *   next, and always finishes the body iterator, so `finally` blocks run;
 * - for HEAD it drops the body: it pulls the body only until its first
 *   bytes (the head is known then), and finishes it there (RFC 9110,
 *   section 9.3.2), so an endless body ends too;
 * - an error is logged; before the headers went out it becomes a plain 500
 *   page (error-page.ts), after, the connection is cut, so the client never
 *   mistakes half a page for a whole one.
 *
 * @example
 * await runCycle(app, environ, sink); // sink: the server's I/O
 */
import { encode } from "./bytes.ts";
import type { BadRequest } from "./environ.ts";
import { logAppError, sendErrorPage } from "./error-page.ts";
import {
  checkBody,
  checkChunk,
  checkFinalStatus,
  checkHeaders,
  hasNoBody,
  parseStatus,
} from "./response-checks.ts";
import type { App, Body, Chunk, Environ, Headers, StartResponse, Write } from "./types.ts";

/**
 * A server's side of one response: where status, headers and bytes go.
 * @example await runCycle(app, environ, new NodeSink(res)); // the node:http server's
 */
export interface ResponseSink {
  /** Sends the status line and the headers. Called once, just before the first bytes. */
  head(code: number, reason: string, headers: Headers): void;
  /** Sends bytes; resolves when the peer has taken them, rejects with `ClientGone` if it left. */
  send(chunk: Chunk): Promise<void>;
  /** Finishes the response, sending the last bytes if given. */
  end(last?: Chunk): void;
  /** Cuts the response short, so the peer sees it is incomplete. */
  abort(): void;
}

/**
 * The peer went away before the response was finished: nobody is left to answer.
 * @example if (res.destroyed) return Promise.reject(new ClientGone("the client left"));
 */
export class ClientGone extends Error {
  override name = "ClientGone";
}

/**
 * The mark of an app that watches what the server does with its response:
 * the tracer (gateway/trace/) puts it on the apps it wraps, to draw the
 * server's lane; given the sink, it returns a stand-in that passes every
 * call on. An app without it costs one property look-up.
 * @example app[WATCH_RESPONSE] = (environ, sink) => new TracedSink(sink, trace);
 */
export const WATCH_RESPONSE: unique symbol = Symbol("gateway.watchResponse");

/** An app that may carry the mark. */
type WatchingApp = App & {
  [WATCH_RESPONSE]?: (environ: Environ, sink: ResponseSink) => ResponseSink;
};

/**
 * Runs `app` for one request and sends its response through `sink`.
 * Never throws: an error is logged to `gateway.errors` and answered (500 or
 * a cut connection).
 *
 * Returns `undefined` when the response went out in full before `runCycle`
 * returned, which is what most apps do (a list body, returned at once);
 * otherwise a promise that resolves when the cycle is over, with the error
 * if there was one, for servers and tests to inspect. It is written with
 * `then` rather than `async`: an async function costs a promise and trips
 * through the microtask queue even when it has nothing to wait for, a
 * measurable share of a small request's time (bench/README.md).
 * @example const error = await runCycle(app, environ, sink); // undefined when all went well
 */
export function runCycle(
  app: App,
  environ: Environ,
  sink: ResponseSink,
): Promise<unknown> | undefined {
  const watch = (app as WatchingApp)[WATCH_RESPONSE];
  const response = new OutgoingResponse(environ, watch ? watch(environ, sink) : sink);
  try {
    const body = app(environ, response.startResponse);
    const sending =
      body instanceof Promise
        ? body.then((ready) => response.sendBody(ready))
        : response.sendBody(body);
    return sending?.then(
      () => undefined,
      (error: unknown) => response.fail(error),
    );
  } catch (error) {
    return Promise.resolve(response.fail(error));
  }
}

/**
 * Answers a request that no app should see (a `BadRequest`: a path that is
 * not valid UTF-8, a CONTENT_LENGTH that is not a number, ...) with a 400
 * and its reason. Every server refuses such requests the same way.
 * @example refuse(sink, new BadRequest("the path is not valid UTF-8"));
 */
export function refuse(sink: ResponseSink, error: BadRequest): void {
  const body = encode(`Bad Request: ${error.message}\n`);
  sink.head(400, "Bad Request", [
    ["Content-Type", "text/plain; charset=utf-8"],
    ["Content-Length", String(body.byteLength)],
  ]);
  sink.end(body);
}

const NO_BYTES: Chunk = new Uint8Array(0);

/** The state of one response: what `startResponse` recorded, and how much went out. */
class OutgoingResponse {
  #status: { code: number; reason: string; headers: Headers } | undefined;
  #headersSent = false;
  #finished = false;
  #declaredLength: number | undefined;
  #bytesSent = 0;
  /** The first failed `write()`: the app may not have awaited it, but the response failed. */
  #writeFailure: unknown;
  readonly #dropBody: boolean;

  constructor(
    readonly environ: Environ,
    readonly sink: ResponseSink,
  ) {
    // The server, not the app, drops the body of a HEAD answer (RFC 9110, section 9.3.2).
    this.#dropBody = environ.REQUEST_METHOD === "HEAD";
  }

  /** The `startResponse` the app gets, bound: the app calls it as a plain function. */
  readonly startResponse: StartResponse = this.#startResponse.bind(this);

  /** `write()`, bound for the same reason. */
  readonly write: Write = this.#write.bind(this);

  #startResponse(status: string, headers: Headers, excInfo?: unknown): Write {
    // `null` is not given too: it is Python's None, and middleware passes excInfo on as it got it.
    const recovering = excInfo !== undefined && excInfo !== null;
    if (this.#status !== undefined && !recovering) {
      throw new Error(
        "startResponse was called twice: pass excInfo on the second call (lesson 08)",
      );
    }
    // Too late to change the status: let the error carry on, and the connection be cut.
    if (recovering && this.#headersSent) throw excInfo;
    const { code, reason } = parseStatus(status);
    const declaredLength = checkHeaders(headers);
    checkFinalStatus(code, declaredLength);
    this.#declaredLength = declaredLength;
    this.#status = { code, reason, headers };
    return this.write;
  }

  /**
   * PEP 3333 lets an app ignore what write() returns, so a failed write must
   * not become an unhandled rejection that stops the server: the failure is
   * kept, and the response fails with it when the body ends. A chunk that
   * is refused outright is kept at once: the body may end before a
   * rejection's handler gets to run.
   */
  #write(chunk: Chunk): Promise<void> {
    let sending: Promise<void>;
    try {
      sending = this.#send(chunk) ?? Promise.resolve();
    } catch (error) {
      this.#writeFailure ??= error;
      sending = Promise.reject(error);
    }
    sending.catch((error: unknown) => {
      this.#writeFailure ??= error;
    });
    return sending;
  }

  /**
   * Sends the body. A list of at most one chunk goes out at once, with the
   * end of the response; for anything else it returns a promise.
   */
  sendBody(body: Body): Promise<void> | undefined {
    checkBody(body);
    if (Array.isArray(body) && body.length <= 1) {
      this.#end(body[0] ?? NO_BYTES);
      return undefined;
    }
    return this.#sendEach(body);
  }

  /** Sends every chunk, one at a time, finishing the iterator whatever happens. */
  async #sendEach(body: Body): Promise<void> {
    if (Array.isArray(body)) {
      // A list's last chunk goes out with the end of the response, in one write.
      const last = body.length - 1;
      for (let i = 0; i < last; i++) await this.#send(body[i] as Chunk);
      return this.#end(body[last] as Chunk);
    }
    // `for await` calls the iterator's return() when the loop stops early or throws.
    for await (const chunk of body) {
      await this.#send(chunk);
      // HEAD: the head went out with the first bytes, and nobody wants the rest.
      if (this.#dropBody && this.#headersSent) break;
    }
    this.#end(NO_BYTES);
  }

  /** Checks and counts a chunk, then sends it; throws at once when the chunk is refused. */
  #send(chunk: Chunk): Promise<void> | undefined {
    if (this.#finished) {
      throw new Error("write() was called after the response had ended: await every write()");
    }
    if (this.#accept(chunk) && !this.#dropBody) return this.sink.send(chunk);
    return undefined;
  }

  /**
   * Checks a chunk and counts it; sends the headers first if it is the first
   * with bytes. A chunk past the Content-Length is refused before anything
   * of it goes out.
   */
  #accept(chunk: Chunk): boolean {
    checkChunk(chunk);
    // Even an empty chunk: the validator holds apps to the same rule.
    if (this.#status === undefined) {
      throw new Error("the app produced a body chunk before calling startResponse");
    }
    if (chunk.byteLength === 0) return false;
    const total = this.#bytesSent + chunk.byteLength;
    if (this.#declaredLength !== undefined && total > this.#declaredLength) {
      throw new RangeError(`the app sent more than its Content-Length of ${this.#declaredLength}`);
    }
    this.#sendHead();
    this.#bytesSent = total;
    return true;
  }

  /** Sends the status and headers, once; `#accept` and `#end` made sure they were given. */
  #sendHead(): void {
    if (this.#headersSent || this.#status === undefined) return;
    this.#headersSent = true;
    const { code, reason, headers } = this.#status;
    this.sink.head(code, reason, headers);
  }

  /** Ends a response whose body was produced in full, with its last chunk. */
  #end(last: Chunk): void {
    if (this.#status === undefined) {
      throw new Error("the app returned without calling startResponse");
    }
    if (this.#writeFailure !== undefined) throw this.#writeFailure;
    checkChunk(last);
    if (!this.#headersSent) this.#declareLength(last.byteLength);
    this.#checkNotShort(this.#status.code, this.#bytesSent + last.byteLength);
    const sendLast = this.#accept(last) && !this.#dropBody;
    this.#sendHead();
    this.#finished = true;
    this.sink.end(sendLast ? last : undefined);
  }

  /** A body that ended before its Content-Length would leave the client waiting for the rest. */
  #checkNotShort(code: number, total: number): void {
    const declared = this.#declaredLength;
    if (declared === undefined || total >= declared || this.#dropBody || hasNoBody(code)) return;
    throw new RangeError(
      `the app sent ${total} of the ${declared} bytes its Content-Length promised`,
    );
  }

  /**
   * Headers that are still unsent at the end mean the whole body is known
   * (an empty body, or a list's only chunk), so the server can declare its
   * length (PEP 3333, "Handling the Content-Length Header") and the
   * connection can be kept alive without chunked encoding.
   */
  #declareLength(length: number): void {
    const status = this.#status;
    if (status === undefined || this.#declaredLength !== undefined) return;
    if (hasNoBody(status.code)) return;
    // An app may leave the body out of a HEAD answer: then its length is not
    // the GET's, and a wrong Content-Length is worse than none (RFC 9110, section 8.6).
    if (this.#dropBody && length === 0) return;
    this.#declaredLength = length;
    status.headers = [...status.headers, ["Content-Length", String(length)]];
  }

  /**
   * Answers an error: a 500 page if nothing went out yet, else a cut
   * connection. Returns the error, for `runCycle` to hand on.
   */
  fail(error: unknown): unknown {
    this.#finished = true;
    // A client that left is not an app error: nothing to log, and nobody to answer.
    const gone = clientLeft(error);
    if (!gone) logAppError(this.environ, error);
    if (this.#headersSent || gone) {
      this.sink.abort();
    } else {
      this.#headersSent = true;
      sendErrorPage(this.sink, !this.#dropBody);
    }
    return error;
  }
}

/** A `ClientGone`, or an `AbortError` it caused: an await that `gateway.signal` stopped. */
function clientLeft(error: unknown): boolean {
  return error instanceof ClientGone || (error as Error | undefined)?.cause instanceof ClientGone;
}
