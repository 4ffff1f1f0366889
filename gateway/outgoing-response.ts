/**
 * The outgoing response: the state of one response, from the app's
 * `startResponse` to the last byte, and the rules of PEP 3333 that every
 * server keeps, kept here once:
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
 * `runCycle` (response-cycle.ts) makes one for each request.
 *
 * @example
 * const response = new OutgoingResponse(environ, sink);
 * await response.sendBody(await app(environ, response.startResponse));
 */
import { logAppError, sendErrorPage } from "./error-page.ts";
import {
  checkBody,
  checkChunk,
  checkFinalStatus,
  checkHeaders,
  excInfoGiven,
  hasNoBody,
  parseStatus,
} from "./response-checks.ts";
import { ClientGone, type ResponseSink } from "./response-sink.ts";
import type { Body, Chunk, Environ, Headers, StartResponse, Write } from "./types.ts";

const NO_BYTES: Chunk = new Uint8Array(0);

/**
 * The state of one response: what `startResponse` recorded, and how much went out.
 * @example
 * const response = new OutgoingResponse(environ, sink);
 * const body = await app(environ, response.startResponse);
 * await response.sendBody(body); // on an error: response.fail(error)
 */
export class OutgoingResponse {
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
    const recovering = excInfoGiven(excInfo);
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
