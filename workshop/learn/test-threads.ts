/**
 * Vitest's worker threads, with a way to end one of them.
 *
 * A test stuck in a learner's loop never answers Vitest's polite "stop", and
 * Vitest has no public way to end one thread of a run. So the runner brings
 * its own pool of threads (Vitest's custom pool interface: the same worker
 * entry point Vitest's "threads" pool starts), and keeps each thread by its
 * id. `end(threadId)` terminates that thread: V8 stops even a loop that
 * never yields, Vitest records the file as failed, and the other test files
 * of the run go on.
 *
 * @example
 * const threads = new TestThreads();
 * await createVitest("test", { pool: threads.pool, ... });
 * // the watchdog says thread 7 is stuck:
 * await threads.end(7);
 */
import path from "node:path";
import { Worker } from "node:worker_threads";
import type { PoolOptions, PoolRunnerInitializer, PoolWorker, WorkerRequest } from "vitest/node";

/**
 * The threads of one runner's Vitest.
 *
 * @example
 * const threads = new TestThreads();
 * const vitest = await createVitest("test", { pool: threads.pool });
 */
export class TestThreads {
  readonly #running = new Map<number, Worker>();

  /** The pool to give Vitest as its `pool` option. */
  readonly pool: PoolRunnerInitializer = {
    name: "learn-threads",
    createPoolWorker: (options) => new TestThread(options, this.#running),
  };

  /**
   * The running thread with this id, if it is one of ours (the watchdog reads its CPU time).
   *
   * @example
   * threads.worker(7)?.threadId; // 7
   */
  worker(threadId: number): Worker | undefined {
    return this.#running.get(threadId);
  }

  /**
   * Ends the thread with this id, if it is one of ours; true when it was.
   *
   * @example
   * await threads.end(7); // true
   */
  async end(threadId: number): Promise<boolean> {
    const thread = this.#running.get(threadId);
    if (thread === undefined) return false;
    await thread.terminate();
    return true;
  }
}

/** One thread, as Vitest's own threads pool starts it, remembered while it runs. */
class TestThread implements PoolWorker {
  readonly name = "learn-threads";
  readonly #entrypoint: string;
  readonly #options: PoolOptions;
  readonly #running: Map<number, Worker>;
  #thread: Worker | undefined;

  constructor(options: PoolOptions, running: Map<number, Worker>) {
    this.#options = options;
    this.#running = running;
    this.#entrypoint = path.resolve(options.distPath, "workers/threads.js");
  }

  on(event: string, callback: (arg: unknown) => void): void {
    this.#started().on(event, callback);
  }

  off(event: string, callback: (arg: unknown) => void): void {
    this.#started().off(event, callback);
  }

  send(message: WorkerRequest): void {
    this.#started().postMessage(message);
  }

  async start(): Promise<void> {
    if (this.#thread !== undefined) return;
    const { env, execArgv, project } = this.#options;
    const thread = new Worker(this.#entrypoint, { env, execArgv, stdout: true, stderr: true });
    // What a test prints reaches Vitest's reporters by its own route; the streams must still flow.
    thread.stdout.pipe(project.vitest.logger.outputStream, { end: false });
    thread.stderr.pipe(project.vitest.logger.errorStream, { end: false });
    const id = thread.threadId; // -1 once the thread has ended
    this.#running.set(id, thread);
    thread.once("exit", () => this.#running.delete(id));
    this.#thread = thread;
  }

  async stop(): Promise<void> {
    await this.#thread?.terminate();
    this.#thread = undefined;
  }

  deserialize(data: unknown): unknown {
    return data;
  }

  #started(): Worker {
    if (this.#thread === undefined) throw new Error("the test thread has not started");
    return this.#thread;
  }
}
