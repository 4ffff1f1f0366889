/**
 * One connection from a web server, and the records that arrive on it.
 *
 * A web server opens a connection, and sends a BEGIN_REQUEST and the
 * request's records; it keeps the connection for further requests if the
 * BEGIN_REQUEST said so (FCGI_KEEP_CONN, FastCGI 1.0, section 5.1). The
 * protocol lets it interleave several requests on one connection, but this
 * server answers one at a time, as Apache and nginx expect anyway (they
 * never send two at once): a second BEGIN_REQUEST while one is under way is
 * refused with CANT_MPX_CONN, and the answer to FCGI_GET_VALUES says so.
 * Records with request id 0 are about the connection (section 4):
 * GET_VALUES is answered, any other type gets UNKNOWN_TYPE.
 *
 * Bytes that are not FastCGI leave no way to find the next record: the
 * connection is closed with one line in the server's log, and the server
 * goes on serving the others. So is a connection that stays silent for the
 * idle timeout with no app running: between requests, or in the middle of
 * one whose parameters stall before its app could start.
 *
 * @example
 * server.on("connection", (socket) => new Connection(socket, context));
 */
import type { Socket } from "node:net";
import type { CyclesUnderWay } from "../listening-server.ts";
import type { App, ErrorStream } from "../types.ts";
import {
  decodeBeginRequest,
  encodeEndRequest,
  encodeUnknownType,
  ManagementVariable,
  ProtocolStatus,
  Role,
} from "./messages.ts";
import { decodePairs, encodePairs } from "./name-value.ts";
import {
  encodeRecord,
  type FastCGIRecord,
  MANAGEMENT_ID,
  ProtocolError,
  RecordReader,
  RecordType,
} from "./records.ts";
import { FastCGIRequest, type RequestConnection } from "./request.ts";

/** The most connections the server takes at once, and so the most requests (one per connection). */
export const MAX_CONNECTIONS = 1000;

/** The answers to FCGI_GET_VALUES: "0" connections multiplex requests. */
const VALUES = new Map<string, string>([
  [ManagementVariable.MAX_CONNS, String(MAX_CONNECTIONS)],
  [ManagementVariable.MAX_REQS, String(MAX_CONNECTIONS)],
  [ManagementVariable.MPXS_CONNS, "0"],
]);

/** What a connection needs from its server. */
export interface ConnectionContext {
  app: App;
  /** The server's own log. */
  log: ErrorStream;
  /** The server's request cycles still running, for `close()` to wait for. */
  cycles: CyclesUnderWay;
  /** Milliseconds of silence after which the connection is closed, if no app is running. */
  idleTimeout: number;
  /** The server's open connections, for `close()` to end: each is in it from its start to its "close". */
  connections: Set<Connection>;
}

/**
 * Reads the records of one connection and answers them.
 * @example new Connection(socket, { app, log, cycles: new CyclesUnderWay(), idleTimeout: 60_000, connections: new Set() });
 */
export class Connection implements RequestConnection {
  #reader = new RecordReader();
  /** The request under way, or the last one, whose leftover body records are dropped. */
  #request: FastCGIRequest | undefined;
  /** Requests refused at their BEGIN_REQUEST: their other records are dropped. Made on the first. */
  #refused: Set<number> | undefined;
  /** Set once the connection is ending: nothing more is read from it. */
  #closing = false;
  constructor(
    readonly socket: Socket,
    readonly context: ConnectionContext,
  ) {
    socket.on("data", (chunk: Buffer) => this.#receive(chunk));
    // A connection reset emits "error" and then "close": "close" is what matters.
    socket.on("error", ignore);
    // One listener does all that "close" means: with a connection per
    // request, each listener more (and a `once`) was a measurable cost.
    socket.on("close", () => this.#closed());
    context.connections.add(this);
    // Node emits "timeout" after that long without a byte either way; any byte starts it over.
    socket.setTimeout(context.idleTimeout);
    socket.on("timeout", () => this.#idle());
  }

  /**
   * Handles the records that are now whole. Whatever goes wrong closes this
   * connection only: an error thrown from a socket's "data" event would
   * stop the whole server, with every other connection on it.
   */
  #receive(chunk: Buffer): void {
    try {
      this.#reader.push(chunk);
      for (let record = this.#reader.next(); record !== undefined; record = this.#reader.next()) {
        if (this.#closing || this.socket.destroyed) return;
        this.#handle(record);
      }
    } catch (error) {
      const reason =
        error instanceof ProtocolError ? error.message : `a fault in the server (${error})`;
      // The peer's address is asked of the system only here, for the log: it takes a system call.
      const peer = `${this.socket.remoteAddress}:${this.socket.remotePort}`;
      this.context.log.write(`FastCGI: ${reason}; closing the connection from ${peer}\n`);
      this.#closing = true;
      this.socket.destroy();
    }
  }

  #closed(): void {
    this.context.connections.delete(this);
    this.#request?.connectionClosed();
  }

  /**
   * A silent connection is closed, unless an app is running: a slow app is
   * not idle, but a request whose parameters stall before its app started is.
   */
  #idle(): void {
    if (this.#request?.running) return;
    this.#closing = true;
    this.socket.destroy();
  }

  /**
   * Closes the connection if it has answered a request and not begun
   * another, for a server that stops gracefully. One that has not sent its
   * first request yet is left to send it: the web server opened it for that.
   */
  closeIfBetweenRequests(): void {
    if (this.#request?.ended) this.#idle();
  }

  #handle(record: FastCGIRecord): void {
    const { type, requestId } = record;
    if (requestId === MANAGEMENT_ID) this.#manage(record);
    else if (type === RecordType.BEGIN_REQUEST) this.#begin(record);
    else if (this.#request?.requestId === requestId) this.#request.receive(record);
    else if (!this.#refused?.has(requestId)) {
      throw new ProtocolError(
        `a record of type ${type} for request ${requestId}, which never began`,
      );
    }
  }

  #begin({ requestId, content }: FastCGIRecord): void {
    const begin = decodeBeginRequest(content);
    if (begin === undefined) throw new ProtocolError("a BEGIN_REQUEST record of under 8 bytes");
    const current = this.#request;
    if (current !== undefined && !current.ended) {
      if (current.requestId === requestId) {
        throw new ProtocolError(`a second BEGIN_REQUEST for request ${requestId}`);
      }
      this.#refuse(requestId, ProtocolStatus.CANT_MPX_CONN);
      return;
    }
    if (begin.role !== Role.RESPONDER) {
      this.#refuse(requestId, ProtocolStatus.UNKNOWN_ROLE);
      if (!begin.keepConnection) this.#close();
      return;
    }
    this.#refused?.delete(requestId);
    this.#request = new FastCGIRequest(requestId, begin.keepConnection, this);
  }

  /** Answers a BEGIN_REQUEST with an END_REQUEST at once: the request will not run. */
  #refuse(requestId: number, protocolStatus: number): void {
    this.#refused ??= new Set();
    this.#refused.add(requestId);
    const body = encodeEndRequest(0, protocolStatus);
    this.socket.write(encodeRecord(RecordType.END_REQUEST, requestId, body));
  }

  /**
   * A management record: GET_VALUES gets the values asked for that the
   * server knows, each once, however often it was asked (so the answer
   * always fits in one record).
   */
  #manage({ type, content }: FastCGIRecord): void {
    if (type !== RecordType.GET_VALUES) {
      const body = encodeUnknownType(type);
      this.socket.write(encodeRecord(RecordType.UNKNOWN_TYPE, MANAGEMENT_ID, body));
      return;
    }
    const asked = new Set(decodePairs(content).map(([name]) => name));
    const answers = [...VALUES].filter(([name]) => asked.has(name));
    const body = encodePairs(answers);
    this.socket.write(encodeRecord(RecordType.GET_VALUES_RESULT, MANAGEMENT_ID, body));
  }

  /** Called by the request once it is over for the web server. */
  requestEnded(request: FastCGIRequest): void {
    if (!request.keepConnection) this.#close();
  }

  /** Without FCGI_KEEP_CONN, the application closes the connection after the request (section 5.1). */
  #close(): void {
    this.#closing = true;
    this.socket.end();
    // Read on, to see the web server close its side; what it sends is ignored.
    this.socket.resume();
  }
}

/** The "error" listener of every connection: one function, not one per connection. */
function ignore(): void {}
