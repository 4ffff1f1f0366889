/**
 * One worker, as its supervisor sees it: a process forked with
 * `node:cluster`, which says when it listens, and ends one day.
 *
 * `node:cluster` runs the program again in the new process (the same
 * file, arguments and Node options); there, the code that would have
 * started a server starts it as a worker (worker.ts), which sends its news
 * back. Here, that news becomes two promises: `listened` and `exited`.
 * Stopping a worker is a request: it finishes the requests under way for
 * up to the graceful timeout; one that is still running a while after that
 * (an app stuck in a loop hears nothing) is killed, and so is one that
 * does not listen yet (it has nothing to finish).
 *
 * @example
 * const worker = new WorkerProcess({ slot: 1, port: 8000, gracefulTimeout: 10_000 }, log);
 * await worker.listened;         // rejects if it dies first
 * const exit = await worker.stop(10_000);
 */
import cluster, { type Worker } from "node:cluster";
import { once } from "node:events";
import type { ErrorStream } from "../types.ts";
import { isNews, SETTINGS_VARIABLE, type Stop, type WorkerSettings } from "./messages.ts";

/** How long past its graceful timeout a stopping worker may take before it is killed. */
export const KILL_AFTER = 5_000;

/** How a worker process ended. */
export interface Exit {
  code: number | null;
  signal: string | null;
  /** The error the worker reported before it ended, if any. */
  error: string | undefined;
  /** That error's `code` (such as `EADDRINUSE`), if it had one. */
  errorCode: string | undefined;
}

/** Where a worker listens, as it reported. */
export interface WorkerAddress {
  host: string;
  port: number;
}

/**
 * A worker that ended before it listened; its message says how.
 * @example worker.listened.catch((error: WorkerDied) => console.log(error.exit.code));
 */
export class WorkerDied extends Error {
  constructor(
    readonly worker: WorkerProcess,
    readonly exit: Exit,
  ) {
    super(`${worker.name} ended before it listened (${describeExit(exit)})`);
  }
}

/**
 * One forked worker.
 * @example const worker = new WorkerProcess(settings, log); console.log(worker.name);
 */
export class WorkerProcess {
  readonly worker: Worker;
  /** Resolves with its address once it listens; rejects with `WorkerDied` if it ends first. */
  readonly listened: Promise<WorkerAddress>;
  /** Resolves once the process has ended. */
  readonly exited: Promise<Exit>;
  /** True once it has said it listens. */
  hasListened = false;
  #error: { error: string; code?: string } | undefined;
  #ended = false;

  constructor(
    readonly settings: WorkerSettings,
    readonly log: ErrorStream,
  ) {
    this.worker = cluster.fork({ [SETTINGS_VARIABLE]: JSON.stringify(settings) });
    this.exited = new Promise((resolve) => {
      this.worker.on("exit", async (code: number | null, signal: string | null) => {
        this.#ended = true;
        // Its last message (why it failed) may still be in the channel: read it first.
        if (this.worker.isConnected()) await once(this.worker, "disconnect");
        resolve({ code, signal, error: this.#error?.error, errorCode: this.#error?.code });
      });
    });
    this.listened = new Promise((resolve, reject) => {
      this.worker.on("message", (message: unknown) => {
        if (!isNews(message)) return;
        if (message.gateway === "listening") {
          this.hasListened = true;
          resolve(message);
        } else this.#error = message;
      });
      void this.exited.then((exit) => reject(new WorkerDied(this, exit)));
    });
    // A worker that dies before it listens is the supervisor's business (it
    // looks at `exited`), not an unhandled rejection.
    this.listened.catch(() => {});
  }

  /** Which of the supervisor's workers this is, from 1: a replacement keeps the number. */
  get slot(): number {
    return this.settings.slot;
  }

  /** "worker 2 (pid 4312)", as log lines name it. */
  get name(): string {
    return `worker ${this.slot} (pid ${this.worker.process.pid})`;
  }

  /**
   * Asks the worker to stop (requests under way may finish for up to
   * `gracefulTimeout` ms), kills it if it is still running `KILL_AFTER` ms
   * after that, and resolves once it has ended.
   * @example const exit = await worker.stop(10_000);
   */
  async stop(gracefulTimeout: number): Promise<Exit> {
    // One still starting has no request to finish, and may not hear the message yet.
    if (!this.hasListened && !this.#ended) this.worker.process.kill("SIGKILL");
    else if (!this.#ended && this.worker.isConnected()) {
      // The channel may close before the message goes (the worker is ending anyway).
      this.worker.send({ gateway: "stop", gracefulTimeout } satisfies Stop, () => {});
    }
    const deadline = gracefulTimeout + KILL_AFTER;
    const timer = setTimeout(() => this.#kill(deadline), deadline);
    const exit = await this.exited;
    clearTimeout(timer);
    return exit;
  }

  #kill(after: number): void {
    this.log.write(
      `${this.name} had not stopped ${after / 1000} s after it was told to: killing it\n`,
    );
    this.worker.process.kill("SIGKILL");
  }
}

/**
 * An exit as a log line says it.
 * @example describeExit({ code: null, signal: "SIGKILL", error: undefined, errorCode: undefined }); // "signal SIGKILL"
 */
export function describeExit(exit: Exit): string {
  return exit.signal === null ? `exit code ${exit.code}` : `signal ${exit.signal}`;
}
