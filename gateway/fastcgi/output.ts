/**
 * A FastCGI request's answer: the response in STDOUT records, the app's
 * error messages in STDERR records, and the END_REQUEST that closes it.
 *
 * A responder answers exactly as a CGI program would (FastCGI 1.0,
 * section 6.2): a `Status:` line, the headers, a blank line, the body. The
 * bytes travel in STDOUT records of at most 65535 bytes each, then an empty
 * STDOUT record ends the stream and an END_REQUEST ends the request
 * (section 5.5). `RecordSink` is the `ResponseSink` that `runCycle` writes
 * the response to; `RecordSink.errors` is the request's `gateway.errors`.
 * What goes out at one step goes in one batch (record-batch.ts): a whole
 * small answer, from head to END_REQUEST, is a single write.
 *
 * @example
 * const sink = new RecordSink(socket, requestId, log, () => console.log("request over"));
 * await runCycle(app, environ, sink);
 */
import type { Socket } from "node:net";
import { cgiHead } from "../cgi.ts";
import { ClientGone, type ResponseSink } from "../response-sink.ts";
import type { Chunk, ErrorStream, Headers } from "../types.ts";
import { encodeEndRequest, ProtocolStatus } from "./messages.ts";
import { RecordBatch } from "./record-batch.ts";
import { RecordType } from "./records.ts";

const NO_BYTES = new Uint8Array(0);

/** The END_REQUEST body of every answered request: app status 0, REQUEST_COMPLETE. */
const COMPLETE = encodeEndRequest(0, ProtocolStatus.REQUEST_COMPLETE);

/**
 * The `ResponseSink` of one FastCGI request.
 * @example const error = await runCycle(app, environ, new RecordSink(socket, 1, log, onEnd));
 */
export class RecordSink implements ResponseSink {
  /** The head, kept until the first bytes of the body, to go out in one write with them. */
  #head: Uint8Array | undefined;
  #ended = false;
  /** The web server sent ABORT_REQUEST: its client went away, nobody reads the answer. */
  #abortedByWebServer = false;
  /** The STDOUT stream began (the head went out), so it must be ended with an empty record. */
  #wroteOutput = false;
  #wroteErrors = false;

  /** `gateway.errors`: see `RequestErrors` below. */
  readonly errors: ErrorStream;

  constructor(
    readonly socket: Socket,
    readonly requestId: number,
    log: ErrorStream,
    /** Called once the END_REQUEST is queued, or the connection was cut. */
    readonly onEnd: () => void,
  ) {
    this.errors = new RequestErrors(this, log);
  }

  /** True once the request is over for the web server: nothing more may be sent for it. */
  get ended(): boolean {
    return this.#ended;
  }

  head(code: number, reason: string, headers: Headers): void {
    this.#head = cgiHead(code, reason, headers);
  }

  send(chunk: Chunk): Promise<void> {
    if (this.#abortedByWebServer) {
      return Promise.reject(new ClientGone("the web server aborted the request"));
    }
    if (this.socket.destroyed) {
      return Promise.reject(new ClientGone("the web server closed the connection"));
    }
    return this.#output().add(RecordType.STDOUT, chunk).sendTo(this.socket);
  }

  /** Sends the rest of the answer and ends the request; after an ABORT_REQUEST, only ends it. */
  end(last?: Chunk): void {
    const batch = this.#abortedByWebServer ? this.#batch() : this.#output();
    if (last !== undefined && !this.#abortedByWebServer) batch.add(RecordType.STDOUT, last);
    this.#endRequest(batch);
  }

  /**
   * The cycle cannot finish the answer. After an ABORT_REQUEST that is
   * expected (the next send failed on purpose): the request just ends.
   * Otherwise the app failed after the head went out: the connection is
   * cut, so the web server sees the answer stop before its END_REQUEST,
   * and cannot take half a page for a whole one (nginx logs "upstream
   * prematurely closed").
   */
  abort(): void {
    if (this.#ended) return;
    if (this.#abortedByWebServer) {
      this.endAborted();
      return;
    }
    this.#ended = true;
    this.socket.destroy();
    this.onEnd();
  }

  /** The web server sent ABORT_REQUEST: the next `send` fails, so the cycle finishes the app's body. */
  webServerAborted(): void {
    this.#abortedByWebServer = true;
  }

  /** Ends a request the web server aborted: the streams begun are ended, then the END_REQUEST. */
  endAborted(): void {
    this.#endRequest(this.#batch());
  }

  /** Sends STDERR bytes, while the request is still open. */
  writeError(bytes: Uint8Array): void {
    if (this.#ended || this.socket.destroyed || bytes.byteLength === 0) return;
    this.#wroteErrors = true;
    this.#batch().add(RecordType.STDERR, bytes).writeTo(this.socket);
  }

  #batch(): RecordBatch {
    return new RecordBatch(this.requestId);
  }

  /** A batch for STDOUT bytes: the head goes first, if it has not gone out yet. */
  #output(): RecordBatch {
    const batch = this.#batch();
    if (this.#head === undefined) return batch;
    batch.add(RecordType.STDOUT, this.#head);
    this.#head = undefined;
    this.#wroteOutput = true;
    return batch;
  }

  /**
   * Ends each stream that was used with its empty record (section 3.3),
   * then the request, in one write with what `batch` holds already.
   */
  #endRequest(batch: RecordBatch): void {
    if (this.#ended) return;
    this.#ended = true;
    if (!this.socket.destroyed) {
      if (this.#wroteOutput) batch.add(RecordType.STDOUT, NO_BYTES);
      if (this.#wroteErrors) batch.add(RecordType.STDERR, NO_BYTES);
      batch.add(RecordType.END_REQUEST, COMPLETE);
      batch.writeTo(this.socket);
    }
    this.onEnd();
  }
}

/**
 * `gateway.errors` of one request. PEP 3333 ("environ Variables") makes it
 * the server's error log; a FastCGI application's is the web server's,
 * which puts STDERR records in its error log (Apache and nginx both do).
 * Each line also goes to the FastCGI server's own log, for whoever
 * watches the terminal it runs in.
 */
class RequestErrors implements ErrorStream {
  constructor(
    readonly sink: RecordSink,
    readonly log: ErrorStream,
  ) {}

  write(text: string): void {
    this.log.write(text);
    this.sink.writeError(Buffer.from(text));
  }

  flush(): void {
    this.log.flush();
  }
}
