/**
 * Serving from N worker processes, or being one of them: the one call
 * both sides make.
 *
 * With `node:cluster`, a program that asks for workers runs more than
 * once: first as the supervisor, then again, from the top, in each worker.
 * So the same line runs everywhere, and does what its process is for. In
 * the supervisor, `runInWorkers` starts the workers and resolves once they
 * listen; it never calls `start`, so the app is loaded by the workers
 * alone (and a reload loads it afresh). In a worker, it calls `start` and
 * never resolves: whatever the program does after it (announce the URL,
 * wait for Ctrl-C) happens in the supervisor only.
 *
 * `serve(app, { workers: 2 })` and `serveFastCGI(app, { workers: 2 })`
 * are built on it, and so is `gateway serve APP --workers 2`.
 *
 * @example
 * const served = await runInWorkers((port) => serve(app, { port }), { workers: "auto", port: 8000 });
 * console.log(`${served.supervisor.pids.length} workers on port ${served.port}`);
 */
import { once } from "node:events";
import net from "node:net";
import { availableParallelism } from "node:os";
import { Supervisor, type SupervisorOptions } from "./supervisor.ts";
import { isSupervisedWorker, serveAsWorker, type WorkerServer } from "./worker.ts";

/** How many worker processes: a number from 1, or `"auto"` for one per core. */
export type WorkerCount = number | "auto";

/** `SupervisorOptions`, with `"auto"` allowed for the number of workers, and 0 for the port. */
export interface WorkersOptions extends Omit<SupervisorOptions, "workers"> {
  workers: WorkerCount;
  /** Where the workers will listen; defaults to 127.0.0.1, as the servers' own default. */
  host?: string;
}

/** What the supervisor's process gets: where the workers listen, and how to stop them. */
export interface Supervised {
  host: string;
  port: number;
  /** The supervisor, to reload the workers or to see their pids. */
  supervisor: Supervisor;
  /** Stops every worker; requests under way may finish for up to `gracefulTimeout` ms first. */
  close(gracefulTimeout?: number): Promise<void>;
}

/**
 * In the supervisor's process, starts the workers and resolves once they
 * listen; in a worker's, serves with `start` and never resolves. `start`
 * gets the port to listen on: `options.port`, or for port 0 a free port
 * the supervisor found first. (Each worker asking for port 0 would be
 * given the same one only while another worker still listens on it, so a
 * worker replacing the last one would serve another port than announced.)
 * Rejects at once, with the system's error, if the port cannot be served:
 * `EADDRINUSE` when another server has it.
 * @example await runInWorkers((port) => serveFastCGI(app, { port }), { workers: 4, port: 9000 });
 */
export async function runInWorkers(
  start: (port: number) => Promise<WorkerServer>,
  options: WorkersOptions,
): Promise<Supervised> {
  if (isSupervisedWorker()) return serveAsWorker(start);
  const { host = "127.0.0.1", port } = options;
  const supervisor = new Supervisor({
    ...options,
    workers: workerCount(options.workers),
    port: await portToServe(host, port),
  });
  await supervisor.start();
  return {
    host: supervisor.host,
    port: supervisor.port,
    supervisor,
    close: (gracefulTimeout) => supervisor.close(gracefulTimeout),
  };
}

/**
 * Listens on `host`:`port` for a moment, to see that the workers can: else
 * the error says why now, rather than each worker dying of it in turn.
 * Resolves with the port, the one the system picked for port 0.
 */
async function portToServe(host: string, port: number): Promise<number> {
  const server = net.createServer().listen(port, host);
  await once(server, "listening");
  const { port: picked } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return picked;
}

/**
 * The number of workers a count asks for: `"auto"` is one per core.
 * @example workerCount("auto"); // 8 on an 8-core laptop
 */
export function workerCount(workers: WorkerCount): number {
  return workers === "auto" ? availableParallelism() : workers;
}
