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
 * @example
 * const cycles = new CyclesUnderWay();
 * const cycle = runCycle(app, environ, sink);
 * if (cycle !== undefined) cycles.add(cycle);
 * // later:
 * await stopServer(server, () => server.closeAllConnections(), cycles);
 */
import { once } from "node:events";
import type { Server } from "node:net";

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

/**
 * Stops listening, cuts every connection with `cutConnections`, and
 * resolves once the server has closed and each cycle under way is over.
 * @example await stopServer(server, () => server.closeAllConnections(), cycles);
 */
export async function stopServer(
  server: Server,
  cutConnections: () => void,
  cycles: CyclesUnderWay,
): Promise<void> {
  const closed = once(server, "close");
  server.close();
  cutConnections();
  await closed;
  // A cut connection makes each cycle's next send fail, and the cycle then finishes its body.
  await cycles.finished();
}
