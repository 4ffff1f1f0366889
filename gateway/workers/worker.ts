/**
 * A worker's side of `--workers`: start the server, say so, stop when told.
 *
 * The supervisor (supervisor.ts) runs the program again in each worker,
 * and there `runInWorkers` hands `serveAsWorker` the function that starts
 * the server. What a worker does besides serving is what lets the
 * supervisor look after it:
 *
 * - it tells the supervisor it listens, with the address, or why it could
 *   not start: the app's error, as text, for the supervisor's log;
 * - an error that would end the process later (thrown where nothing
 *   catches it) is sent the same way before the worker exits with code 1;
 * - Ctrl-C (Ctrl-Break on Windows) and a closed terminal signal every
 *   process of the terminal, the workers too: a worker ignores them, and
 *   the supervisor decides;
 * - told to stop (by the supervisor, or by a SIGTERM of its own, as when
 *   systemd stops every process of a service), it stops listening,
 *   lets requests under way finish for up to the graceful timeout, cuts
 *   the rest, and exits.
 *
 * @example
 * if (isSupervisedWorker()) await serveAsWorker((port) => serve(app, { port }));
 */
import cluster from "node:cluster";
import { inspect } from "node:util";
import { CliError } from "../cli/cli-error.ts";
import { isStop, SETTINGS_VARIABLE, type WorkerNews, type WorkerSettings } from "./messages.ts";

/**
 * What a terminal sends every process it runs, workers too: Ctrl-C, the
 * window closing, and on Windows Ctrl-Break.
 */
const TERMINAL_SIGNALS = ["SIGINT", "SIGHUP", "SIGBREAK"] as const;

/** A server as a worker needs it: where it listens, and how to close it. */
export interface WorkerServer {
  host: string;
  port: number;
  /** Resolves once closed; requests under way may finish for up to `gracefulTimeout` ms. */
  close(gracefulTimeout?: number): Promise<void>;
}

/**
 * True in a process a `Supervisor` started as one of its workers.
 * @example if (isSupervisedWorker()) console.log("one of several");
 */
export function isSupervisedWorker(): boolean {
  return cluster.isWorker && process.env[SETTINGS_VARIABLE] !== undefined;
}

/**
 * Serves as one of a supervisor's workers, with `start`, which gets the
 * port the supervisor says to listen on. Never resolves: the process ends
 * when the worker stops.
 * @example await serveAsWorker((port) => serveFastCGI(app, { port }));
 */
export function serveAsWorker(start: (port: number) => Promise<WorkerServer>): Promise<never> {
  const settings = JSON.parse(process.env[SETTINGS_VARIABLE] as string) as WorkerSettings;
  for (const signal of TERMINAL_SIGNALS) process.on(signal, ignore);
  process.on("uncaughtException", fail);
  start(settings.port).then((server) => serve(server, settings), fail);
  return new Promise(() => {});
}

function serve(server: WorkerServer, settings: WorkerSettings): void {
  tell({ gateway: "listening", host: server.host, port: server.port });
  let stopping = false;
  const stop = (gracefulTimeout: number) => {
    if (stopping) return;
    stopping = true;
    const { slot } = settings;
    const within = `within ${gracefulTimeout / 1000} s`;
    console.error(
      `worker ${slot} (pid ${process.pid}) stopping: requests under way may finish ${within}`,
    );
    server.close(gracefulTimeout).then(leave, fail);
  };
  process.on("message", (message) => {
    if (isStop(message)) stop(message.gracefulTimeout);
  });
  process.on("SIGTERM", () => stop(settings.gracefulTimeout));
}

/**
 * Exits, once the supervisor knows this worker no longer listens. Until
 * then it may still hand over a connection (its message on the way as the
 * server closed), which, lost with the process, would hang its client:
 * `disconnect()` waits for the supervisor's answer, which comes after any
 * such message, and this worker hands each of them back.
 */
function leave(): void {
  process.once("disconnect", () => process.exit(0));
  cluster.worker?.disconnect();
}

/** Tells the supervisor what ends this worker, then exits with code 1. */
function fail(error: unknown): void {
  // A mistake the user can fix reads best as its message alone; anything else needs its stack.
  const text = error instanceof CliError ? error.message : inspect(error);
  if (!process.connected) {
    console.error(text);
    process.exit(1);
  }
  const code = (error as { code?: unknown } | null | undefined)?.code;
  const news: WorkerNews = { gateway: "failed", error: text };
  if (typeof code === "string") news.code = code;
  tell(news, () => process.exit(1));
}

function tell(news: WorkerNews, then?: () => void): void {
  process.send?.(news, undefined, undefined, then);
}

function ignore(): void {}
