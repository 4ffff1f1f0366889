/**
 * One FastCGI request, from its BEGIN_REQUEST to its END_REQUEST.
 *
 * After the BEGIN_REQUEST, the web server sends the request's parameters
 * in PARAMS records and its body in STDIN records, each stream ended by an
 * empty record (FastCGI 1.0, section 6.2). Once the parameters are all in,
 * they become the environ (the very meta-variables of CGI, so params.ts
 * builds it with `cgiEnviron`'s steps) and the app runs through the shared
 * request cycle. The body may still be arriving: the app reads it through
 * `gateway.input` as it comes, or answers without it. An ABORT_REQUEST (the web server's client
 * went away) ends the request early, and, like a connection that closes
 * mid-request, aborts `gateway.signal`.
 *
 * @example
 * const request = new FastCGIRequest(1, true, connection);
 * request.receive(record); // each PARAMS, STDIN or ABORT_REQUEST record for request 1
 */
import type { Socket } from "node:net";
import { finishEnviron } from "../cgi-environ.ts";
import { BadRequest, LONG_RUNNING } from "../environ.ts";
import type { CyclesUnderWay } from "../listening-server.ts";
import type { ClientWatch } from "../request-signal.ts";
import { refuse, runCycle } from "../response-cycle.ts";
import { ClientGone } from "../response-sink.ts";
import type { App, Environ, ErrorStream } from "../types.ts";
import { StdinInput, StdinStream } from "./input.ts";
import { RecordSink } from "./output.ts";
import { paramsEnviron } from "./params.ts";
import { type FastCGIRecord, ProtocolError, RecordType } from "./records.ts";

/**
 * What a request needs from its connection (connection.ts's `Connection`)
 * and, through it, from its server. The connection itself, not an object
 * made for it: with a connection per request, every object counts.
 */
export interface RequestConnection {
  readonly socket: Socket;
  readonly context: {
    readonly app: App;
    /** The server's own log. */
    readonly log: ErrorStream;
    /** The server's request cycles still running, for `close()` to wait for. */
    readonly cycles: CyclesUnderWay;
  };
  /** Called once the request is over for the web server. */
  requestEnded(request: FastCGIRequest): void;
}

/** Far more than any web server sends (their header limits are some KiB), and bounded. */
const MAX_PARAMS_BYTES = 1024 * 1024;

/**
 * A request of the responder role, as its records arrive.
 * @example request.receive(record); if (request.ended) console.log("the END_REQUEST went out");
 */
export class FastCGIRequest implements ClientWatch {
  readonly sink: RecordSink;
  /**
   * The body stream, made only when its first bytes arrive or the app
   * opens `gateway.input`: most requests have no body, and a stream per
   * request was a measurable cost (bench/README.md).
   */
  #stdin: StdinStream | undefined;
  /** Set when the body was dropped before its stream was made; `#stdinError` says why, if it failed. */
  #stdinDropped = false;
  #stdinError: Error | undefined;
  #params: Buffer[] = [];
  #paramsBytes = 0;
  #started = false;
  #stdinEnded = false;
  /** Why the request was cut off, once it was. */
  #gone: ClientGone | undefined;
  /** `gateway.signal`'s abort, once the app has read it. */
  #abortSignal: ((reason: ClientGone) => void) | undefined;

  constructor(
    readonly requestId: number,
    readonly keepConnection: boolean,
    readonly connection: RequestConnection,
  ) {
    this.sink = new RecordSink(connection.socket, requestId, connection.context.log, () =>
      this.#ended(),
    );
  }

  /** The body stream, made on first use with what is known of the body by then. */
  get stdin(): StdinStream {
    if (this.#stdin !== undefined) return this.#stdin;
    const stdin = new StdinStream(this.connection.socket);
    this.#stdin = stdin;
    if (this.#stdinDropped) stdin.destroy(this.#stdinError);
    else if (this.#stdinEnded) stdin.finish();
    return stdin;
  }

  /** True once the END_REQUEST went out (or the connection was cut). */
  get ended(): boolean {
    return this.sink.ended;
  }

  /** True from the start of the app (its parameters all in) to the END_REQUEST. */
  get running(): boolean {
    return this.#started && !this.ended;
  }

  /**
   * Takes one record of this request. Throws a `ProtocolError` for a record
   * a responder never gets.
   */
  receive(record: FastCGIRecord): void {
    // The web server may still be sending the body of a request already
    // answered (the app did not need it): the rest of it is dropped.
    if (this.ended) return;
    switch (record.type) {
      case RecordType.PARAMS:
        this.#addParams(record.content);
        break;
      case RecordType.STDIN:
        this.#addStdin(record.content);
        break;
      case RecordType.ABORT_REQUEST:
        this.#abortRequest();
        break;
      default:
        throw new ProtocolError(
          `a record of type ${record.type} for request ${this.requestId}, which a responder never gets`,
        );
    }
  }

  /**
   * The connection closed: the app's next read or send fails with
   * `ClientGone`. A request already over needs no error, and making one
   * (an `Error` records its stack) was a measurable share of a request on a
   * connection of its own (bench/README.md).
   */
  connectionClosed(): void {
    if (this.ended) return;
    const gone = new ClientGone("the web server closed the connection");
    this.#dropStdin(gone);
    this.#cutOff(gone);
  }

  watchClient(abort: (reason: ClientGone) => void): void {
    if (this.#gone !== undefined) abort(this.#gone);
    else this.#abortSignal = abort;
  }

  /** A request cut off before its END_REQUEST: `gateway.signal` aborts. */
  #cutOff(gone: ClientGone): void {
    if (this.ended || this.#gone !== undefined) return;
    this.#gone = gone;
    this.#abortSignal?.(gone);
  }

  #addParams(content: Buffer): void {
    if (this.#started) {
      throw new ProtocolError(`PARAMS for request ${this.requestId} after its empty PARAMS record`);
    }
    if (content.byteLength === 0) {
      this.#start();
      return;
    }
    this.#paramsBytes += content.byteLength;
    if (this.#paramsBytes > MAX_PARAMS_BYTES) {
      throw new ProtocolError(`the parameters of request ${this.requestId} are over 1 MiB`);
    }
    this.#params.push(content);
  }

  /** The empty STDIN record ends the body: a stream has nothing after its end (section 3.3). */
  #addStdin(content: Buffer): void {
    if (this.#stdinEnded) {
      throw new ProtocolError(`STDIN for request ${this.requestId} after its empty STDIN record`);
    }
    if (content.byteLength > 0) {
      this.stdin.add(content);
      return;
    }
    this.#stdinEnded = true;
    this.#stdin?.finish();
  }

  /** The parameters are all in: the environ is ready, and the app runs. */
  #start(): void {
    this.#started = true;
    let environ: Environ;
    try {
      // Web servers send the parameters in one record, unless they are many.
      const params = this.#params.length === 1 ? this.#params[0] : Buffer.concat(this.#params);
      const variables = paramsEnviron(params as Buffer);
      // The body's maker is written in the call: an arrow function given a
      // name (`const body = ...`) costs tsx a `defineProperty` per request.
      environ = finishEnviron(
        variables,
        () => new StdinInput(this),
        this.sink.errors,
        LONG_RUNNING,
        this,
      );
    } catch (error) {
      if (!(error instanceof BadRequest)) throw error;
      this.#refuse(error);
      return;
    }
    this.#params = [];
    const { app, cycles } = this.connection.context;
    const cycle = runCycle(app, environ, this.sink);
    if (cycle !== undefined) cycles.add(cycle);
  }

  /** A request no app should see gets a 400 with the reason, as `runCGI` answers it. */
  #refuse(error: BadRequest): void {
    this.sink.errors.write(`Bad FastCGI request: ${error.message}\n`);
    refuse(this.sink, error);
  }

  /**
   * ABORT_REQUEST: the body stops, and the app's next send fails, so the
   * cycle finishes the body (its `finally` blocks run) and ends the
   * request. Before the app started, the request just ends.
   */
  #abortRequest(): void {
    const gone = new ClientGone("the web server aborted the request");
    this.#cutOff(gone);
    this.sink.webServerAborted();
    this.#dropStdin(gone);
    if (!this.#started) this.sink.endAborted();
  }

  #ended(): void {
    // Nobody reads the rest of the body now: drop it, and let the socket flow.
    this.#dropStdin();
    this.connection.requestEnded(this);
  }

  /** Drops the rest of the body: the stream is destroyed, or will be as soon as it is made. */
  #dropStdin(error?: Error): void {
    if (this.#stdin !== undefined) this.#stdin.destroy(error);
    else if (!this.#stdinDropped) {
      this.#stdinDropped = true;
      this.#stdinError = error;
    }
  }
}
