/**
 * The `node:http` server: the workshop's long-running host for gateway apps.
 *
 * It does the job of Python's `wsgiref.simple_server`, built on Node's own
 * HTTP parser: for each request it builds the environ (PEP 3333, "environ
 * Variables") and runs the app through the shared request cycle, with a
 * `ResponseSink` that writes to Node's response object.
 *
 * @example
 * const server = await serve(app, { port: 8003 });
 * console.log(`Open ${server.url}`);
 * // later: await server.close();
 */
import { once } from "node:events";
import http from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { encode } from "./bytes.ts";
import {
  addHeader,
  BadRequest,
  errorStream,
  gatewayVariables,
  OnceOnlyInput,
  targetHost,
  targetVariables,
} from "./environ.ts";
import { type ResponseSink, runCycle } from "./response-cycle.ts";
import { writeChunk } from "./stream-write.ts";
import type { App, Chunk, Environ, ErrorStream, Headers } from "./types.ts";

/** Where to listen, and where app errors go. */
export interface ServeOptions {
  /** Defaults to 127.0.0.1: only this machine can connect. */
  host?: string;
  /** Defaults to 8000; 0 lets the system pick a free port. */
  port?: number;
  /** `gateway.errors`; defaults to the process's standard error. */
  errors?: ErrorStream;
}

/** A server that is listening. */
export interface RunningServer {
  url: string;
  host: string;
  port: number;
  server: http.Server;
  /**
   * Stops listening and closes every connection; resolves once each request
   * under way has finished its body iterator (so `finally` blocks ran).
   */
  close(): Promise<void>;
}

const TRAITS = { multithread: false, multiprocess: false, runOnce: false };

/**
 * Serves `app` over HTTP/1.1 until `close()` is called.
 * @example const { url, close } = await serve(app, { port: 0 });
 */
export async function serve(app: App, options: ServeOptions = {}): Promise<RunningServer> {
  const errors = options.errors ?? errorStream(process.stderr);
  const server = http.createServer();
  server.listen(options.port ?? 8000, options.host ?? "127.0.0.1");
  await once(server, "listening");
  const { address, port } = server.address() as AddressInfo;
  const local = { SERVER_NAME: address, SERVER_PORT: String(port) };
  // The cycles still sending, for close() to wait for. Most finish before
  // handle() returns (runCycle sends a list body at once): those need no watching.
  const underWay = new Set<Promise<unknown>>();
  server.on("request", (req, res) => {
    const cycle = handle(app, req, res, local, errors);
    if (cycle === undefined) return;
    underWay.add(cycle);
    // runCycle's promise never rejects.
    void cycle.then(() => underWay.delete(cycle));
  });
  server.on("clientError", answerClientError);
  return {
    url: `http://${address.includes(":") ? `[${address}]` : address}:${port}/`,
    host: address,
    port,
    server,
    close: () => closeServer(server, underWay),
  };
}

function handle(
  app: App,
  req: http.IncomingMessage,
  res: http.ServerResponse,
  local: { SERVER_NAME: string; SERVER_PORT: string },
  errors: ErrorStream,
): Promise<unknown> | undefined {
  let environ: Environ;
  try {
    environ = requestEnviron(req, res, local, errors);
  } catch (error) {
    if (!(error instanceof BadRequest)) throw error;
    const body = encode(`Bad Request: ${error.message}\n`);
    res.writeHead(400, [
      ["Content-Type", "text/plain; charset=utf-8"],
      ["Content-Length", String(body.byteLength)],
    ]);
    res.end(body);
    return undefined;
  }
  return runCycle(app, environ, new NodeSink(res, req.socket));
}

/** The environ for one `node:http` request (PEP 3333, "environ Variables"). */
function requestEnviron(
  req: http.IncomingMessage,
  res: http.ServerResponse,
  local: { SERVER_NAME: string; SERVER_PORT: string },
  errors: ErrorStream,
): Environ {
  const target = targetVariables(req.url ?? "/");
  // The request's keys are written out rather than spread in: an environ
  // built with two spreads became a slow "dictionary" object in V8, and
  // one is built for every request (bench/README.md).
  const environ: Record<string, unknown> = {
    REQUEST_METHOD: req.method,
    SCRIPT_NAME: target.SCRIPT_NAME,
    PATH_INFO: target.PATH_INFO,
    QUERY_STRING: target.QUERY_STRING,
    REQUEST_URI: target.REQUEST_URI,
    SERVER_NAME: local.SERVER_NAME,
    SERVER_PORT: local.SERVER_PORT,
    SERVER_PROTOCOL: `HTTP/${req.httpVersion}`,
    REMOTE_ADDR: req.socket.remoteAddress,
    ...gatewayVariables(new RequestBody(req, res), errors, "http", TRAITS),
  };
  // rawHeaders keeps each header line as sent, [name, value, name, value, ...], repeats included.
  const raw = req.rawHeaders;
  for (let i = 0; i < raw.length; i += 2) {
    addHeader(environ, raw[i] as string, raw[i + 1] as string);
  }
  const host = targetHost(req.url ?? "");
  if (host !== undefined) environ.HTTP_HOST = host;
  return environ as unknown as Environ;
}

/**
 * `gateway.input` over Node's request stream. Leaving the loop early must
 * not destroy the stream (that would kill the socket and our response with
 * it): the rest of the body is discarded instead, and since the client may
 * still be sending a large body, the connection closes after this response.
 */
class RequestBody extends OnceOnlyInput {
  constructor(
    readonly req: http.IncomingMessage,
    readonly res: http.ServerResponse,
  ) {
    super();
  }

  protected open(): AsyncIterator<Uint8Array> {
    const { req, res } = this;
    const chunks = req.iterator({ destroyOnReturn: false });
    return {
      next: () => chunks.next(),
      return: async () => {
        // Stop the iterator first: while it listens, the stream will not flow to resume().
        await chunks.return?.();
        if (!req.complete) res.shouldKeepAlive = false;
        req.resume();
        return { done: true, value: undefined };
      },
    };
  }
}

/**
 * Connections with an answer part-way out: a 400 for a malformed request
 * that came after it must not be written into the middle of it.
 */
const answering = new WeakSet<Socket>();

/** Writes the response to Node's `ServerResponse`, one chunk at a time. */
class NodeSink implements ResponseSink {
  /** Set once a chunk went out before the end: only then is an answer part-way out. */
  #streaming = false;

  constructor(
    readonly res: http.ServerResponse,
    readonly socket: Socket,
  ) {}

  head(code: number, reason: string, headers: Headers): void {
    // Node takes headers as one flat [name, value, name, value, ...] list, repeats allowed.
    const flat: string[] = [];
    for (const [name, value] of headers) flat.push(name, value);
    this.res.writeHead(code, reason, flat);
  }

  /** Resolves once the socket has written the chunk out (see stream-write.ts for why). */
  send(chunk: Chunk): Promise<void> {
    if (!this.#streaming) answering.add(this.socket);
    this.#streaming = true;
    return writeChunk(this.res, chunk);
  }

  /** Once ended, the whole answer is queued on the socket: what is written next comes after. */
  end(last?: Chunk): void {
    this.res.end(last);
    if (this.#streaming) answering.delete(this.socket);
  }

  /**
   * Resets the connection rather than closing it cleanly. A chunked body or
   * one with a Content-Length shows the client it was cut either way; but
   * a body with neither (for an HTTP/1.0 client) ends where the connection
   * closes, so a clean close would pass half a page off as a whole one.
   */
  abort(): void {
    if (this.res.socket === null) this.res.destroy();
    else this.res.socket.resetAndDestroy();
  }
}

/**
 * Malformed requests get a 400, oversized headers a 431, each with its
 * reason, and the connection is closed: the server keeps serving others.
 */
function answerClientError(error: Error & { code?: string }, socket: Socket): void {
  if (!socket.writable || answering.has(socket)) return void socket.destroy();
  const tooLarge = error.code === "HPE_HEADER_OVERFLOW";
  const status = tooLarge ? "431 Request Header Fields Too Large" : "400 Bad Request";
  const reason = tooLarge
    ? "the request headers are too large"
    : `malformed request (${error.code ?? error.message})`;
  const body = `${status}: ${reason}\n`;
  const head = [
    `HTTP/1.1 ${status}`,
    "Content-Type: text/plain; charset=utf-8",
    `Content-Length: ${Buffer.byteLength(body)}`,
    "Connection: close",
  ];
  socket.end(`${head.join("\r\n")}\r\n\r\n${body}`);
}

async function closeServer(server: http.Server, underWay: Set<Promise<unknown>>): Promise<void> {
  const closed = once(server, "close");
  server.close();
  server.closeAllConnections();
  await closed;
  // A cut connection makes each cycle's next send fail, and the cycle then finishes its body.
  await Promise.all(underWay);
}
