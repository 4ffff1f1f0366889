/**
 * What every long-running server here shares: its address as text, the
 * request cycles it still runs, and how it closes.
 *
 * The `node:http` server (http-server.ts) and the FastCGI server
 * (fastcgi/server.ts) both promise that `close()` resolves only once each
 * request under way has finished its body iterator, so the app's `finally`
 * blocks have run and a test or a Ctrl-C leaves nothing half done. Most
 * cycles are over before `runCycle` returns (a list body goes out at once):
 * only the others are tracked, so the common request costs nothing here.
 *
 * `close()` cuts the requests under way at once, unless it is given a
 * graceful timeout: then they may finish first, for up to that long, as a
 * supervisor's workers do when they stop (workers/supervisor.ts).
 *
 * @example
 * const cycles = new CyclesUnderWay();
 * const cycle = runCycle(app, environ, sink);
 * if (cycle !== undefined) cycles.add(cycle);
 * // later, letting requests under way run on for up to 10 s:
 * await stopServer(server, connections, cycles, 10_000);
 */
import { once } from "node:events";
import { Server as NetServer, type Server } from "node:net";

/**
 * A host and port as an address names them: an IPv6 host goes in brackets.
 * @example hostAndPort("::1", 9000); // "[::1]:9000"
 */
export function hostAndPort(host: string, port: number): string {
  return `${host.includes(":") ? `[${host}]` : host}:${port}`;
}

/**
 * The request cycles that were still sending when `runCycle` returned.
 * @example cycles.add(cycle); await cycles.finished();
 */
export class CyclesUnderWay {
  readonly #cycles = new Set<Promise<unknown>>();

  /** Keeps `cycle` until it is over. */
  add(cycle: Promise<unknown>): void {
    this.#cycles.add(cycle);
    // runCycle's promise never rejects.
    void cycle.then(() => this.#cycles.delete(cycle));
  }

  /** Resolves once every cycle added so far is over. */
  async finished(): Promise<void> {
    await Promise.all(this.#cycles);
  }
}

/** A server's connections, as stopping it sees them. */
export interface Connections {
  /**
   * Closes the connections that are between two requests, for a server
   * whose clients expect it when it stops (a web server in front simply
   * opens another connection). Absent for `node:http`: see `stopServer`.
   */
  closeIdle?(): void;
  /** Cuts every connection, with or without a request under way. */
  cutAll(): void;
}

/**
 * Stops listening and resolves once the server has closed and each cycle
 * under way is over. With a `gracefulTimeout` (milliseconds), requests
 * under way may finish for up to that long; then, or at once without one,
 * every connection left is cut.
 *
 * While it waits, a connection between two requests stays open unless the
 * server has `closeIdle`. An HTTP client may be sending its next request on
 * one at that very moment, and closing it would lose that request; left
 * open, its next request is answered (with `Connection: close`, by the
 * server), or it ends at its keep-alive timeout, which the client was told.
 * That is why a graceful stop calls `net.Server`'s `close()`, which only
 * stops listening, and not `http.Server`'s, which also closes such
 * connections at once. Then a reload under a steady stream of keep-alive
 * requests loses none of them.
 * @example await stopServer(server, connections, cycles, 10_000);
 */
export async function stopServer(
  server: Server,
  connections: Connections,
  cycles: CyclesUnderWay,
  gracefulTimeout = 0,
): Promise<void> {
  const closed = once(server, "close");
  if (gracefulTimeout > 0) {
    NetServer.prototype.close.call(server);
    await drain(closed, connections, gracefulTimeout);
  } else {
    server.close();
  }
  connections.cutAll();
  await closed;
  // A cut connection makes each cycle's next send fail, and the cycle then finishes its body.
  await cycles.finished();
}

/**
 * Waits until every connection has ended or `timeout` ms have passed,
 * closing connections as they fall idle if the server has `closeIdle`.
 * No connection says when it falls idle, so this looks again and again,
 * first after 1 ms, then twice as long each time up to half a second: the
 * way Go's `http.Server.Shutdown` does it.
 */
async function drain(closed: Promise<unknown>, { closeIdle }: Connections, timeout: number) {
  if (closeIdle === undefined) return waitAtMost(closed, timeout);
  let open = true;
  void closed.then(() => {
    open = false;
  });
  const deadline = performance.now() + timeout;
  for (let pause = 1; open && performance.now() < deadline; pause = Math.min(pause * 2, 500)) {
    closeIdle();
    await waitAtMost(closed, Math.min(pause, deadline - performance.now()));
  }
}

/** Waits for `event`, but no longer than `ms` milliseconds. */
async function waitAtMost(event: Promise<unknown>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const elapsed = new Promise((resolve) => {
    timer = setTimeout(resolve, ms);
  });
  await Promise.race([event, elapsed]);
  clearTimeout(timer);
}
