/**
 * The `node:http` server: the workshop's long-running host for gateway apps.
 *
 * It does the job of Python's `wsgiref.simple_server`, built on Node's own
 * HTTP parser: for each request it builds the environ (PEP 3333, "environ
 * Variables") and runs the app through the shared request cycle, with a
 * `ResponseSink` that writes to Node's response object. The environ and
 * the sink come from node-request.ts and node-response.ts, which the
 * Express bridge (bridges/express.ts) uses too; what is left here is the
 * server itself: listening, mounting the app at the root, and closing.
 * How the requests of one connection take turns, and what the server
 * answers to requests Node's parser refuses, is in http-connection.ts.
 * With `workers`, several processes serve (workers/run-in-workers.ts says how).
 *
 * @example
 * const server = await serve(app, { port: 8003 });
 * console.log(`Open ${server.url}`);
 * // later: await server.close();
 */
import { once } from "node:events";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { hostname } from "node:os";
import { BadRequest, errorStream, targetVariables } from "./environ.ts";
import { answerClientError, answerConnect, inTurn } from "./http-connection.ts";
import { CyclesUnderWay, hostAndPort, stopServer } from "./listening-server.ts";
import { nodeEnviron, type ServerSide } from "./node-request.ts";
import { NodeSink } from "./node-response.ts";
import { refuse, runCycle } from "./response-cycle.ts";
import type { App, Environ, ErrorStream } from "./types.ts";
import { runInWorkers, type Supervised, type WorkerCount } from "./workers/run-in-workers.ts";

/** Where to listen, and where app errors go. */
export interface ServeOptions {
  /** Defaults to 127.0.0.1: only this machine can connect. */
  host?: string;
  /** Defaults to 8000; 0 lets the system pick a free port. */
  port?: number;
  /** `gateway.errors` (and, with workers, the supervisor's log); defaults to standard error. */
  errors?: ErrorStream;
  /**
   * Milliseconds that requests under way may run on when the server closes;
   * by default 0 (cut at once) in one process, `GRACEFUL_TIMEOUT` (10 s) with workers.
   */
  gracefulTimeout?: number;
  /**
   * Milliseconds a client has to send a request's line and headers; after
   * that it gets `408 Request Timeout` and the connection closes, so a
   * client that trickles its headers ("slowloris") holds a connection no
   * longer. Defaults to `HEADERS_TIMEOUT`.
   */
  headersTimeout?: number;
}

/**
 * The default `headersTimeout`: 30 s, time enough to type a request by
 * hand (lesson 01), and half of Node's own default.
 */
export const HEADERS_TIMEOUT = 30_000;

/** A server that is listening. */
export interface RunningServer {
  url: string;
  host: string;
  port: number;
  server: http.Server;
  /**
   * Stops listening and closes every connection; resolves once each request
   * under way has finished its body iterator (so `finally` blocks ran).
   * With `gracefulTimeout` (ms), requests under way may finish first.
   */
  close(gracefulTimeout?: number): Promise<void>;
}

/** A server whose worker processes serve the app: `serve(app, { workers })`. */
export interface RunningWorkers extends Supervised {
  url: string;
}

/**
 * Serves `app` over HTTP/1.1 until `close()` is called; with `workers`,
 * from that many processes, each running this program (see
 * workers/run-in-workers.ts: the lines after this call run in the first
 * process only).
 * @example const { url, close } = await serve(app, { port: 0 });
 * @example const { url, supervisor } = await serve(app, { port: 8000, workers: "auto" });
 */
export function serve(
  app: App,
  options: ServeOptions & { workers: WorkerCount },
): Promise<RunningWorkers>;
export function serve(app: App, options?: ServeOptions): Promise<RunningServer>;
export async function serve(
  app: App,
  { workers, port = 8000, ...options }: ServeOptions & { workers?: WorkerCount } = {},
): Promise<RunningServer | RunningWorkers> {
  if (workers === undefined) return serveHere(app, { ...options, port });
  const served = await runInWorkers((port) => serveHere(app, { ...options, port }), {
    ...options,
    workers,
    port,
  });
  return { ...served, url: httpUrl(served.host, served.port) };
}

async function serveHere(
  app: App,
  options: ServeOptions & { port: number },
): Promise<RunningServer> {
  const errors = options.errors ?? errorStream(process.stderr);
  const server = http.createServer(timeouts(options.headersTimeout ?? HEADERS_TIMEOUT));
  server.listen(options.port, options.host ?? "127.0.0.1");
  await once(server, "listening");
  const { address, port } = server.address() as AddressInfo;
  const local: ServerSide = {
    SERVER_NAME: serverName(address),
    SERVER_PORT: String(port),
    scheme: "http",
    errors,
  };
  // The cycles still sending, for close() to wait for.
  const underWay = new CyclesUnderWay();
  const answer = (req: http.IncomingMessage, res: http.ServerResponse) => {
    // Once close() began, each answer tells the client not to send another on its connection.
    if (!server.listening) res.shouldKeepAlive = false;
    const cycle = handle(app, req, res, local);
    if (cycle !== undefined) underWay.add(cycle);
  };
  server.on("request", (req, res) => inTurn(req, res, answer));
  server.on("clientError", answerClientError);
  server.on("connect", answerConnect);
  const connections = { cutAll: () => server.closeAllConnections() };
  return {
    url: httpUrl(address, port),
    host: address,
    port,
    server,
    close: (gracefulTimeout = options.gracefulTimeout) =>
      stopServer(server, connections, underWay, gracefulTimeout),
  };
}

/**
 * `SERVER_NAME`: the address the server listens on, unless it listens on
 * every address of the machine ("0.0.0.0", "::"), which names no host a
 * client could reach: then the machine's own name, as Apache's
 * `ServerName` defaults to it. Never the request's `Host`, which the
 * client chooses.
 * @example serverName("127.0.0.1"); // "127.0.0.1"
 * @example serverName("0.0.0.0"); // os.hostname(), like "classroom-laptop"
 */
export function serverName(address: string): string {
  return address === "0.0.0.0" || address === "::" ? hostname() : address;
}

function httpUrl(host: string, port: number): string {
  return `http://${hostAndPort(host, port)}/`;
}

function handle(
  app: App,
  req: http.IncomingMessage,
  res: http.ServerResponse,
  local: ServerSide,
): Promise<unknown> | undefined {
  const sink = new NodeSink(res);
  let environ: Environ;
  try {
    // The app is mounted at the root: the whole path is PATH_INFO.
    environ = nodeEnviron(req, res, targetVariables(req.url ?? "/", req.method), local, sink);
  } catch (error) {
    if (!(error instanceof BadRequest)) throw error;
    refuse(sink, error);
    return undefined;
  }
  return runCycle(app, environ, sink);
}

/** Node's timeouts, from the time a client has for its headers. */
function timeouts(headersTimeout: number): http.ServerOptions {
  if (!Number.isInteger(headersTimeout) || headersTimeout <= 0) {
    throw new RangeError(
      `headersTimeout must be a whole number of milliseconds above 0, not ${headersTimeout}`,
    );
  }
  return {
    headersTimeout,
    // The time for a whole request, body included: Node's 5 minutes, never less than the headers'.
    requestTimeout: Math.max(headersTimeout, 300_000),
    // How often Node looks for late requests (by default every 30 s): within a second of their time.
    connectionsCheckingInterval: Math.min(headersTimeout, 1000),
  };
}
