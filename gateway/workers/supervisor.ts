/**
 * The supervisor: several worker processes serving one port, kept alive.
 *
 * One Node process runs one request's JavaScript at a time, on one core.
 * To use every core, and to survive a process that dies, production runs
 * several: gunicorn's arbiter and flup's prefork server do it for WSGI, and
 * PEP 3333 gives apps `wsgi.multiprocess` to know (here `gateway.multiprocess`).
 * `node:cluster` lets several processes share one listening socket: the
 * supervisor accepts each connection and hands it to a worker in turn
 * (on Windows, the system picks the worker). The supervisor never runs the
 * app; it looks after the workers:
 *
 * - `start()` runs this same program again in N workers (worker-process.ts),
 *   and resolves once each one listens;
 * - a worker that dies is replaced, with its exit and its error logged; one
 *   that dies 3 times within 10 s, or 3 times in a row before it listens,
 *   stops them all (restart-limit.ts), and `failed` rejects with why;
 * - `reload()` replaces the workers one at a time: a new one listens before
 *   the old one is told to stop, so no connection is refused. A new one that
 *   dies before it listens stops the reload, and the old ones serve on;
 * - `close()` tells every worker to stop: requests under way may finish, for
 *   up to the graceful timeout, and are then cut.
 *
 * Signals (SIGHUP to reload, Ctrl-C to stop) are the business of whoever
 * runs the supervisor: cli/serve-until-stopped.ts.
 *
 * @example
 * const supervisor = new Supervisor({ workers: 2, port: 8000 });
 * await supervisor.start(); // each worker runs this program: see run-in-workers.ts
 * console.log(`Workers ${supervisor.pids.join(", ")} serve port ${supervisor.port}`);
 * await supervisor.reload();
 * await supervisor.close();
 */
import { CliError } from "../cli/cli-error.ts";
import { errorStream } from "../environ.ts";
import { hostAndPort } from "../listening-server.ts";
import type { ErrorStream } from "../types.ts";
import { RestartLimit, type RestartLimitOptions } from "./restart-limit.ts";
import {
  describeExit,
  type Exit,
  type WorkerAddress,
  type WorkerDied,
  WorkerProcess,
} from "./worker-process.ts";

/** How long requests under way may run on when a worker stops, unless told: 10 s. */
export const GRACEFUL_TIMEOUT = 10_000;

/** How many workers, and how they are looked after. */
export interface SupervisorOptions {
  /** How many worker processes serve at once. */
  workers: number;
  /** The port every worker listens on (not 0: a port chosen by the system is chosen first). */
  port: number;
  /** Milliseconds that requests under way may run on when a worker stops; `GRACEFUL_TIMEOUT` by default. */
  gracefulTimeout?: number;
  /** How many deaths of one worker, within how long, stop everything (see restart-limit.ts). */
  restartLimit?: RestartLimitOptions;
  /**
   * The supervisor's log (workers starting, dying, reloading), as servers
   * call theirs; standard error by default.
   */
  errors?: ErrorStream;
}

/**
 * A worker died too often too fast: the server stopped. The message names
 * the worker and the first line of its last error (the whole is in the
 * log); `code` is that error's (`EADDRINUSE`: the port is taken).
 */
export class CrashLoop extends CliError {
  constructor(
    message: string,
    readonly code: string | undefined,
  ) {
    super(message);
  }
}

/**
 * N workers serving one port.
 * @example const supervisor = new Supervisor({ workers: 4, port: 8000 }); await supervisor.start();
 */
export class Supervisor {
  readonly workers: number;
  /** The port the workers listen on. */
  readonly port: number;
  readonly gracefulTimeout: number;
  readonly log: ErrorStream;
  /**
   * Rejects with a `CrashLoop` if the workers keep dying after `start()`
   * resolved; never resolves. Left unhandled, it ends the process, as a
   * server that stopped serving should.
   */
  readonly failed: Promise<never>;
  #fail: (error: CrashLoop) => void = () => {};
  /** The worker serving each slot: `#current[0]` is worker 1. */
  readonly #current: WorkerProcess[] = [];
  readonly #limits: RestartLimit[];
  /** Every worker process not yet ended: serving, starting, or stopping. */
  readonly #running = new Set<WorkerProcess>();
  #host: string | undefined;
  /** While `start()` waits: how to settle it. */
  #starting: { resolve: () => void; reject: (error: Error) => void } | undefined;
  #stopping = false;
  #reloads: Promise<unknown> = Promise.resolve();
  /** The last worker error logged, so that a crash loop prints its stack once, not each time. */
  #lastError: string | undefined;

  constructor(options: SupervisorOptions) {
    if (!Number.isInteger(options.workers) || options.workers < 1) {
      throw new RangeError(`workers must be a whole number, 1 or more, not ${options.workers}`);
    }
    this.workers = options.workers;
    this.port = options.port;
    this.gracefulTimeout = options.gracefulTimeout ?? GRACEFUL_TIMEOUT;
    this.log = options.errors ?? errorStream(process.stderr);
    this.#limits = Array.from(
      { length: this.workers },
      () => new RestartLimit(options.restartLimit),
    );
    this.failed = new Promise((_, reject) => {
      this.#fail = reject;
    });
  }

  /** The host the workers listen on, as the first one reported it. */
  get host(): string {
    if (this.#host === undefined) throw new Error("no worker listens yet: await start() first");
    return this.#host;
  }

  /** The process ids of the workers serving now, worker 1's first. */
  get pids(): number[] {
    return this.#current.map((worker) => worker.worker.process.pid ?? 0);
  }

  /**
   * Starts the workers; resolves once each one listens. Rejects with a
   * `CrashLoop` (after stopping the others) if one keeps dying instead.
   * @example await new Supervisor({ workers: 2, port: 8000 }).start();
   */
  start(): Promise<void> {
    return new Promise((resolve, reject) => {
      this.#starting = { resolve, reject };
      for (let slot = 1; slot <= this.workers; slot += 1) this.#serve(slot);
    });
  }

  /**
   * Replaces every worker, one at a time, each new one listening before the
   * old one is told to stop; resolves once the old ones have stopped.
   * Rejects, leaving the workers that were not replaced serving, if a new
   * one dies before it listens. A reload asked for during another one
   * waits for it.
   * @example await supervisor.reload(); // after deploying new code
   */
  reload(): Promise<void> {
    const reload = this.#reloads.then(() => this.#replaceAll());
    this.#reloads = reload.catch(() => {});
    return reload;
  }

  /**
   * Tells every worker to stop and resolves once all have ended. Requests
   * under way may run on for up to `gracefulTimeout` ms, then are cut.
   * @example await supervisor.close();
   */
  async close(gracefulTimeout: number = this.gracefulTimeout): Promise<void> {
    this.#stopping = true;
    await Promise.all([...this.#running].map((worker) => worker.stop(gracefulTimeout)));
  }

  /** Starts a worker for `slot` and makes it the one serving there. */
  #serve(slot: number): void {
    this.#current[slot - 1] = this.#spawn(slot);
  }

  #spawn(slot: number): WorkerProcess {
    const settings = { slot, port: this.port, gracefulTimeout: this.gracefulTimeout };
    const worker = new WorkerProcess(settings, this.log);
    this.#running.add(worker);
    worker.listened.then((address) => this.#listening(worker, address), ignore);
    void worker.exited.then((exit) => this.#exited(worker, exit));
    return worker;
  }

  #listening(worker: WorkerProcess, address: WorkerAddress): void {
    this.#host ??= address.host;
    this.log.write(`${worker.name} listening on ${hostAndPort(address.host, address.port)}\n`);
    if (this.#starting && this.#current.every((each) => each.hasListened)) {
      this.#starting.resolve();
      this.#starting = undefined;
    }
  }

  /** A worker ended: if it was serving, and nobody asked it to stop, it died. */
  #exited(worker: WorkerProcess, exit: Exit): void {
    this.#running.delete(worker);
    if (this.#stopping || this.#current[worker.slot - 1] !== worker) return;
    const death = `${worker.name} died (${describeExit(exit)})`;
    const tooMany = this.#limits[worker.slot - 1]?.count(worker.hasListened);
    if (tooMany !== undefined) {
      this.log.write(`${death}: that is ${tooMany}.`);
      this.#logError(exit.error);
      void this.#giveUp(
        new CrashLoop(crashLoopMessage(worker.slot, tooMany, exit), exit.errorCode),
      );
      return;
    }
    this.log.write(`${death}: starting another.`);
    this.#logError(exit.error);
    this.#serve(worker.slot);
  }

  #logError(error: string | undefined): void {
    if (error === undefined) this.log.write("\n");
    else if (error === this.#lastError) this.log.write(" Its error: the same as above.\n");
    else this.log.write(` Its error:\n${error}\n`);
    this.#lastError = error ?? this.#lastError;
  }

  /** Stops the other workers, then reports the crash loop: to `start()` if still starting. */
  async #giveUp(error: CrashLoop): Promise<void> {
    await this.close();
    if (this.#starting === undefined) this.#fail(error);
    else this.#starting.reject(error);
  }

  async #replaceAll(): Promise<void> {
    this.log.write(`Reloading ${this.workers} workers, one at a time\n`);
    const stopped: Promise<Exit>[] = [];
    for (let slot = 1; slot <= this.workers; slot += 1) {
      if (this.#stopping) throw new Error("the server is stopping: the reload stopped with it");
      const fresh = this.#spawn(slot);
      try {
        await fresh.listened;
      } catch (error) {
        if (this.#stopping) throw new Error("the server is stopping: the reload stopped with it");
        throw this.#reloadStopped(slot, error as WorkerDied);
      }
      const old = this.#current[slot - 1] as WorkerProcess;
      this.#current[slot - 1] = fresh;
      stopped.push(old.stop(this.gracefulTimeout));
    }
    await Promise.all(stopped);
    this.log.write(`Reloaded: workers ${this.pids.join(", ")} serve now\n`);
  }

  #reloadStopped(slot: number, died: WorkerDied): Error {
    const replaced =
      slot === 1 ? "no worker was replaced" : `workers 1 to ${slot - 1} were replaced`;
    const message = `Reload stopped: the new ${died.message}; ${replaced}, the others serve on as before.`;
    this.log.write(message);
    this.#logError(died.exit.error);
    return new Error(message);
  }
}

function crashLoopMessage(slot: number, tooMany: string, exit: Exit): string {
  const last =
    exit.error === undefined
      ? `It last ended with ${describeExit(exit)}.`
      : `Its last error: ${exit.error.split("\n")[0]}`;
  return (
    `worker ${slot} died ${tooMany}, so the server stopped: starting it again ` +
    `would only fail again. ${last}`
  );
}

function ignore(): void {}
