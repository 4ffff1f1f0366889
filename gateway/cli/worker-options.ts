/**
 * `--workers` and `--graceful-timeout`: serving from several processes,
 * and stopping without cutting requests short.
 *
 * `--workers N` serves from N processes, a supervisor looking after them
 * (gateway/workers/), and `--workers auto` from one per core; without it,
 * one process serves, as before. `--graceful-timeout SECONDS` is how long
 * requests under way may run on once the server is told to stop (Ctrl-C,
 * SIGTERM) before they are cut: 10 s with workers, else 0, so that a
 * learner's Ctrl-C stops a demo at once. Every command that serves an app
 * reads them here: `gateway serve`, `gateway fastcgi`, workshop scripts.
 *
 * @example
 * const { values } = readArgs(argv, { ...listenOptions, ...workerOptions });
 * readWorkerOptions(values); // { workers: 2, gracefulTimeout: 5000 } for --workers 2 --graceful-timeout 5
 */
import type { WorkerCount } from "../workers/run-in-workers.ts";
import { UsageError } from "./cli-error.ts";

/** The two options, in `parseArgs` form. */
export const workerOptions = {
  workers: { type: "string" },
  "graceful-timeout": { type: "string" },
} as const;

/** What the two options asked for; each undefined when absent. */
export interface WorkerFlags {
  workers?: WorkerCount;
  /** In milliseconds. */
  gracefulTimeout?: number;
}

/**
 * Reads `--workers` and `--graceful-timeout`; a `UsageError` says what a bad value should be.
 * @example readWorkerOptions({ workers: "auto" }); // { workers: "auto", gracefulTimeout: undefined }
 */
export function readWorkerOptions(values: {
  workers?: string;
  "graceful-timeout"?: string;
}): WorkerFlags {
  return {
    workers: readWorkers(values.workers),
    gracefulTimeout: readSeconds(values["graceful-timeout"]),
  };
}

function readWorkers(text: string | undefined): WorkerCount | undefined {
  if (text === undefined || text === "auto") return text;
  if (!/^\d+$/.test(text) || Number(text) < 1) {
    throw new UsageError(
      `--workers must be a number of processes (1 or more), or auto for one per core, not "${text}".`,
    );
  }
  return Number(text);
}

function readSeconds(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  if (!/^\d+(\.\d+)?$/.test(text)) {
    throw new UsageError(
      `--graceful-timeout must be a number of seconds, such as 10 or 0.5, not "${text}".`,
    );
  }
  return Number(text) * 1000;
}
