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
 *
 * @example
 * const sink = new RecordSink(socket, requestId, log, () => console.log("request over"));
 * await runCycle(app, environ, sink);
 */
import type { Socket } from "node:net";
import { cgiHead } from "../cgi.ts";
import { ClientGone, type ResponseSink } from "../response-cycle.ts";
import { writeChunk } from "../stream-write.ts";
import type { Chunk, ErrorStream, Headers } from "../types.ts";
import { encodeEndRequest, ProtocolStatus } from "./messages.ts";
import { encodeRecord, MAX_CONTENT_LENGTH, RecordType, recordHeader } from "./records.ts";

const NO_BYTES = new Uint8Array(0);

/**
 * Queues `bytes` on the socket as records of `type`, as many as it takes.
 * Empty `bytes` make the one empty record that ends a stream.
 * @example writeRecords(socket, RecordType.STDOUT, 1, new Uint8Array(0)); // end of STDOUT
 */
export function writeRecords(
  socket: Socket,
  type: number,
  requestId: number,
  bytes: Uint8Array,
): void {
  let at = 0;
  do {
    const piece = bytes.subarray(at, at + MAX_CONTENT_LENGTH);
    socket.write(recordHeader(type, requestId, piece.byteLength));
    if (piece.byteLength > 0) socket.write(piece);
    at += piece.byteLength;
  } while (at < bytes.byteLength);
}

/**
 * Sends `bytes` as records of `type`, and resolves once the socket has
 * written them out (see stream-write.ts for why servers wait for that).
 * Throws a `RangeError` for empty `bytes`: an empty record would end the
 * stream, which `writeRecords` does on purpose.
 * @example await sendRecords(socket, RecordType.STDOUT, 1, chunk);
 */
export function sendRecords(
  socket: Socket,
  type: number,
  requestId: number,
  bytes: Uint8Array,
): Promise<void> {
  if (bytes.byteLength === 0) throw new RangeError("sendRecords needs at least one byte");
  if (socket.destroyed) {
    return Promise.reject(new ClientGone("the web server closed the connection"));
  }
  // Every record but the last is only queued: the socket writes in order,
  // so once the last bytes are written out, all of them are.
  let lastAt = 0;
  while (bytes.byteLength - lastAt > MAX_CONTENT_LENGTH) lastAt += MAX_CONTENT_LENGTH;
  const last = bytes.subarray(lastAt);
  socket.cork();
  if (lastAt > 0) writeRecords(socket, type, requestId, bytes.subarray(0, lastAt));
  socket.write(recordHeader(type, requestId, last.byteLength));
  const written = writeChunk(socket, last);
  socket.uncork();
  return written;
}

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
    this.socket.cork();
    this.#writeHead();
    const sent = sendRecords(this.socket, RecordType.STDOUT, this.requestId, chunk);
    this.socket.uncork();
    return sent;
  }

  /** Sends the rest of the answer and ends the request; after an ABORT_REQUEST, only ends it. */
  end(last?: Chunk): void {
    this.socket.cork();
    if (!this.#abortedByWebServer && !this.socket.destroyed) {
      this.#writeHead();
      if (last !== undefined) writeRecords(this.socket, RecordType.STDOUT, this.requestId, last);
    }
    this.#endRequest();
    this.socket.uncork();
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
    this.socket.cork();
    this.#endRequest();
    this.socket.uncork();
  }

  /** Sends STDERR bytes, while the request is still open. */
  writeError(bytes: Uint8Array): void {
    if (this.#ended || this.socket.destroyed || bytes.byteLength === 0) return;
    this.#wroteErrors = true;
    // Corked, the records' headers and contents leave in one write.
    this.socket.cork();
    writeRecords(this.socket, RecordType.STDERR, this.requestId, bytes);
    this.socket.uncork();
  }

  #writeHead(): void {
    if (this.#head === undefined) return;
    writeRecords(this.socket, RecordType.STDOUT, this.requestId, this.#head);
    this.#head = undefined;
    this.#wroteOutput = true;
  }

  /** Ends each stream that was used with its empty record (section 3.3), then the request. */
  #endRequest(): void {
    if (this.#ended) return;
    this.#ended = true;
    if (!this.socket.destroyed) {
      if (this.#wroteOutput) writeRecords(this.socket, RecordType.STDOUT, this.requestId, NO_BYTES);
      if (this.#wroteErrors) writeRecords(this.socket, RecordType.STDERR, this.requestId, NO_BYTES);
      const status = encodeEndRequest(0, ProtocolStatus.REQUEST_COMPLETE);
      this.socket.write(encodeRecord(RecordType.END_REQUEST, this.requestId, status));
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
