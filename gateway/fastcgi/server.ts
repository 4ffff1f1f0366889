/**
 * The FastCGI server: gateway apps behind Apache, nginx or any web server
 * that speaks FastCGI.
 *
 * A web server in front takes care of HTTP (TLS, keep-alive, static files,
 * slow clients) and passes each request it routes to the app over a
 * FastCGI connection (FastCGI 1.0). This server plays the responder role:
 * it is a long-running CGI program that answers request after request over
 * its sockets, instead of one process per request. Like PEP 3333's servers
 * (flup's, for WSGI), it runs each app through the shared request cycle.
 * With `workers`, several processes serve (workers/run-in-workers.ts).
 *
 * @example
 * const fastcgi = await serveFastCGI(app, { port: 9000 });
 * console.log(`Point the web server at ${fastcgi.address}`); // nginx: fastcgi_pass 127.0.0.1:9000;
 * // later: await fastcgi.close();
 */
import { once } from "node:events";
import net, { type AddressInfo } from "node:net";
import { errorStream } from "../environ.ts";
import { CyclesUnderWay, hostAndPort, stopServer } from "../listening-server.ts";
import type { App, ErrorStream } from "../types.ts";
import { runInWorkers, type Supervised, type WorkerCount } from "../workers/run-in-workers.ts";
import { Connection, type ConnectionContext, MAX_CONNECTIONS } from "./connection.ts";

/**
 * How long a connection may stay silent, in milliseconds, with no app
 * running, before the server closes it: long enough for a web server that
 * keeps connections open between requests, short enough that a client
 * that connects and sends nothing, or half a request, does not hold a slot
 * for ever.
 */
export const IDLE_TIMEOUT = 60_000;

/** Where to listen, and where the server's own log lines go. */
export interface FastCGIOptions {
  /** Defaults to 127.0.0.1: only a web server on this machine can connect. */
  host?: string;
  /** Defaults to 9000, the port FastCGI servers usually take; 0 lets the system pick a free one. */
  port?: number;
  /**
   * The server's own log, and a copy of what apps write to `gateway.errors`
   * (which goes to the web server's error log); defaults to standard error.
   */
  errors?: ErrorStream;
  /** Milliseconds of silence after which a connection with no app running is closed; defaults to `IDLE_TIMEOUT`. */
  idleTimeout?: number;
  /**
   * Milliseconds that requests under way may run on when the server closes;
   * by default 0 (cut at once) in one process, `GRACEFUL_TIMEOUT` (10 s) with workers.
   */
  gracefulTimeout?: number;
}

/** A FastCGI server that is listening. */
export interface RunningFastCGI {
  host: string;
  port: number;
  server: net.Server;
  /** "127.0.0.1:9000", what a web server's config names. */
  address: string;
  /**
   * Stops listening and closes every connection; resolves once each request
   * under way has finished its body iterator (so `finally` blocks ran).
   * With `gracefulTimeout` (ms), requests under way may finish first.
   */
  close(gracefulTimeout?: number): Promise<void>;
}

/** A FastCGI server whose worker processes serve the app: `serveFastCGI(app, { workers })`. */
export interface RunningFastCGIWorkers extends Supervised {
  address: string;
}

/**
 * Serves `app` over FastCGI until `close()` is called; with `workers`, from
 * that many processes, each running this program (see
 * workers/run-in-workers.ts: the lines after this call run in the first
 * process only).
 * @example const { address, close } = await serveFastCGI(app, { port: 0 });
 * @example const { address, supervisor } = await serveFastCGI(app, { workers: 4 });
 */
export function serveFastCGI(
  app: App,
  options: FastCGIOptions & { workers: WorkerCount },
): Promise<RunningFastCGIWorkers>;
export function serveFastCGI(app: App, options?: FastCGIOptions): Promise<RunningFastCGI>;
export async function serveFastCGI(
  app: App,
  { workers, port = 9000, ...options }: FastCGIOptions & { workers?: WorkerCount } = {},
): Promise<RunningFastCGI | RunningFastCGIWorkers> {
  if (workers === undefined) return serveHere(app, { ...options, port });
  const served = await runInWorkers((port) => serveHere(app, { ...options, port }), {
    ...options,
    workers,
    port,
  });
  return { ...served, address: hostAndPort(served.host, served.port) };
}

async function serveHere(
  app: App,
  options: FastCGIOptions & { port: number },
): Promise<RunningFastCGI> {
  const context: ConnectionContext = {
    app,
    log: options.errors ?? errorStream(process.stderr),
    cycles: new CyclesUnderWay(),
    idleTimeout: options.idleTimeout ?? IDLE_TIMEOUT,
    connections: new Set(),
  };
  const { connections } = context;
  const server = net.createServer();
  server.maxConnections = MAX_CONNECTIONS;
  server.on("connection", (socket) => new Connection(socket, context));
  server.listen(options.port, options.host ?? "127.0.0.1");
  await once(server, "listening");
  const { address, port } = server.address() as AddressInfo;
  return {
    host: address,
    port,
    server,
    address: hostAndPort(address, port),
    close: (gracefulTimeout = options.gracefulTimeout) =>
      stopServer(
        server,
        {
          closeIdle: () => {
            for (const connection of connections) connection.closeIfBetweenRequests();
          },
          cutAll: () => {
            for (const connection of connections) connection.socket.destroy();
          },
        },
        context.cycles,
        gracefulTimeout,
      ),
  };
}
