/**
 * Running exercise tests against one tree, from inside a program.
 *
 * `npm run learn`, the workshop home and `npm run prove` all need "run these
 * exercise tests against that tree, and tell me which pass and why the
 * others fail". One Vitest instance, kept open, does it: starting Vitest
 * costs a second or two, a rerun of one test file a few hundred
 * milliseconds. The tree reaches the tests through `EXERCISE_ROOT` (see
 * test/exercises/load-exercise.ts). Several test files run side by side,
 * in the order given, and each outcome is reported as soon as it is known.
 *
 * No deadline: a learner's laptop may be ten times slower than ours. Each
 * test's thread beats instead (heartbeat-setup.ts, watchdog.ts). A run that
 * finishes no file for a while, its beats still coming, is "still running
 * (the machine is busy)"; a test whose beats stop is stuck in the learner's
 * code, and is named, with the line it was running (loop-locator.ts). Its
 * thread is then ended (test-threads.ts), and the rest of the run goes on.
 *
 * Vitest keeps transformed modules between runs, so before each run every
 * file of the tree is invalidated: a learner's save is always seen.
 *
 * @example
 * const runner = await createRunner(root, path.join(root, "starter"));
 * const outcomes = await runner.run(["test/exercises/05-function-middleware/add-header.test.ts"], {
 *   onBusy: () => console.log("still running (the machine is busy)"),
 * });
 * await runner.close();
 */
import { randomUUID } from "node:crypto";
import { readdirSync } from "node:fs";
import { availableParallelism } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { TestModule, TestSpecification, Vitest } from "vitest/node";
import type { TraceData } from "../../gateway/trace/events.ts";
import { InTurn } from "../in-turn.ts";
import { type LoopPlace, locateLoop } from "./loop-locator.ts";
import type { ConsoleLog, TestOutcome } from "./outcome.ts";
import { endlessLoop, isInside, notRun, outcomeOf } from "./outcome.ts";
import { TestThreads } from "./test-threads.ts";
import { threadCpuMs } from "./thread-cpu.ts";
import { TraceSwitch } from "./trace-switch.ts";
import { Watchdog } from "./watchdog.ts";

export type { Failure, Phases, TestOutcome } from "./outcome.ts";

/** What a caller hears while a run goes on. */
export interface RunEvents {
  /** A test file's outcome, as soon as it is known (files finish in any order). */
  readonly onOutcome?: (test: string, outcome: TestOutcome) => void;
  /** The run goes on and its tests' threads are alive: the machine is busy. At most once a run. */
  readonly onBusy?: () => void;
  /**
   * Asks for the run to be traced: at its end, the traces of every request its tests
   * sent through the gateway (none for a test that calls the learner's function directly).
   */
  readonly onTraces?: (traces: TraceData[]) => void;
}

/** Runs exercise tests against one tree. */
export interface ExerciseRunner {
  /** Runs the given test files (paths from the repository root); one outcome per path. */
  run(tests: readonly string[], events?: RunEvents): Promise<Map<string, TestOutcome>>;
  close(): Promise<void>;
}

/** How patient the runner is; tests make it impatient, or slow. */
export interface RunnerOptions {
  /** How much CPU time a test's thread may use without a beat before its test is stuck (default 10 s). */
  readonly stuckAfterMs?: number;
  /** How long a run may go without finishing a test file before it is "still running (the machine is busy)" (default 4 s). */
  readonly busyAfterMs?: number;
  /** More setup files for the tests' threads (a test simulates a busy machine with one). */
  readonly setupFiles?: readonly string[];
}

const heartbeatSetupFile = fileURLToPath(new URL("./heartbeat-setup.ts", import.meta.url));
const traceSetupFile = fileURLToPath(new URL("./trace-setup.ts", import.meta.url));

/**
 * Starts Vitest at `root`, with `EXERCISE_ROOT` set to `tree` (an absolute path).
 *
 * @example
 * const runner = await createRunner("/home/me/workshop", "/home/me/workshop/starter");
 */
export async function createRunner(
  root: string,
  tree: string,
  options: RunnerOptions = {},
): Promise<ExerciseRunner> {
  const runner = new VitestRunner(root, tree, options);
  try {
    await runner.start();
  } catch (error) {
    await runner.close(); // its trace switch's folder, made already
    throw error;
  }
  return runner;
}

class VitestRunner implements ExerciseRunner {
  readonly #root: string;
  readonly #tree: string;
  readonly #options: RunnerOptions;
  /** One heartbeat channel for this runner's tests. */
  readonly #channel = `learn-heartbeat-${randomUUID()}`;
  readonly #logs: ConsoleLog[] = [];
  readonly #threads = new TestThreads();
  readonly #traceSwitch = new TraceSwitch();
  #vitest: Vitest | undefined;
  /** Where the reporter sends each finished module during a run. */
  #onModuleEnd: (module: TestModule) => void = () => {};
  /** Runs go one at a time: the next waits for this one. */
  readonly #line = new InTurn();

  constructor(root: string, tree: string, options: RunnerOptions) {
    this.#root = root;
    this.#tree = tree;
    this.#options = options;
  }

  async start(): Promise<void> {
    this.#vitest = await this.#startVitest();
  }

  run(tests: readonly string[], events: RunEvents = {}): Promise<Map<string, TestOutcome>> {
    return this.#line.run(() => this.#run(tests, events));
  }

  async close(): Promise<void> {
    await this.#line.settled();
    await this.#vitest?.close();
    this.#traceSwitch.remove();
  }

  async #run(tests: readonly string[], events: RunEvents): Promise<Map<string, TestOutcome>> {
    const vitest = this.#vitest;
    if (vitest === undefined) throw new Error("the runner has not started");
    for (const file of filesUnder(this.#tree)) vitest.invalidateFile(toModuleId(file));
    this.#logs.length = 0;
    const context = { root: this.#root, tree: this.#tree, logs: this.#logs };
    const verdicts = new Verdicts(this.#root, tests, events);
    const endings: Array<Promise<void>> = [];
    const watchdog = new Watchdog(this.#channel, {
      stuckAfterMs: this.#options.stuckAfterMs ?? 10_000,
      busyAfterMs: this.#options.busyAfterMs ?? 4_000,
      cpuMs: (beat) => threadCpuMs(this.#threads.worker(beat.thread), beat.osThread),
      onBusy: () => events.onBusy?.(),
      onStuck: (file, thread) => {
        const verdict = (place?: LoopPlace) =>
          verdicts.give(file, () => endlessLoop(place, context));
        endings.push(this.#endLoop(thread, verdict));
      },
    });
    this.#onModuleEnd = (module) => {
      watchdog.finished(module.moduleId);
      verdicts.give(module.moduleId, () => outcomeOf(module, context));
    };
    try {
      const project = vitest.getRootProject();
      const specifications = verdicts.moduleIds.map((id) => project.createSpecification(id));
      const runAll = async () => {
        // A thread ended for looping makes the run end in an error: its verdict is already in.
        await vitest.runTestSpecifications(specifications).catch(() => {});
        await Promise.all(endings);
      };
      if (events.onTraces === undefined) await runAll();
      else events.onTraces(await this.#traceSwitch.during(runAll));
    } finally {
      watchdog.stop();
      this.#onModuleEnd = () => {};
    }
    return verdicts.all();
  }

  /** Finds where the stuck thread is (while it still runs), gives the verdict, then ends the thread. */
  async #endLoop(thread: number, verdict: (place?: LoopPlace) => void): Promise<void> {
    verdict(await locateLoop(thread, (file) => isInside(this.#tree, file)));
    await this.#threads.end(thread);
  }

  async #startVitest(): Promise<Vitest> {
    // Loading Vitest takes a second or two: only commands that run tests pay for it.
    const { createVitest } = await import("vitest/node");
    const logs = this.#logs;
    return createVitest("test", {
      root: this.#root,
      watch: false,
      // Every run loads the exercise files afresh (vitest.config.ts shares modules for speed).
      isolate: true,
      // Worker threads (as Vitest's "threads" pool), ours so that one stuck in a loop can be ended.
      pool: this.#threads.pool,
      maxWorkers: Math.max(1, Math.min(3, availableParallelism())),
      // A test that waits this long waits for something that never happens (the heartbeat
      // catches the loops): generous, since a busy laptop can be ten times slower than ours.
      testTimeout: 60_000,
      hookTimeout: 60_000,
      // The project's own global setup speaks to `npm test`, not to the learner.
      globalSetup: [],
      setupFiles: [heartbeatSetupFile, traceSetupFile, ...(this.#options.setupFiles ?? [])],
      // The order given is the order a learner meets the exercises: results stream in that order.
      sequence: { sequencer: KeepOrder },
      // Our own reporter, and nothing else: the caller decides what to print.
      reporters: [
        {
          onUserConsoleLog: (log) => void logs.push(log),
          onTestModuleEnd: (module) => this.#onModuleEnd(module),
        },
      ],
      env: {
        EXERCISE_ROOT: this.#tree,
        LEARN_HEARTBEAT: this.#channel,
        LEARN_TRACE_SWITCH: this.#traceSwitch.file,
      },
    });
  }
}

/** The outcomes of one run, by test file; the first verdict on a file stands. */
class Verdicts {
  readonly #tests: readonly string[];
  readonly #events: RunEvents;
  /** Vitest's module id of each test file asked for. */
  readonly #byModule: Map<string, string>;
  readonly #outcomes = new Map<string, TestOutcome>();

  constructor(root: string, tests: readonly string[], events: RunEvents) {
    this.#tests = tests;
    this.#events = events;
    this.#byModule = new Map(tests.map((test) => [toModuleId(path.resolve(root, test)), test]));
  }

  get moduleIds(): string[] {
    return [...this.#byModule.keys()];
  }

  /** Records the outcome of a module asked for, unless it has one (a thread ended for looping is then reported by Vitest as well). */
  give(moduleId: string, outcome: () => TestOutcome): void {
    const test = this.#byModule.get(moduleId);
    if (test === undefined || this.#outcomes.has(test)) return;
    const given = outcome();
    this.#outcomes.set(test, given);
    this.#events.onOutcome?.(test, given);
  }

  /** One outcome per test asked for: "did not run" for those Vitest never reported. */
  all(): Map<string, TestOutcome> {
    return new Map(this.#tests.map((test) => [test, this.#outcomes.get(test) ?? notRun()]));
  }
}

/** Runs test files in the order they were asked for. */
class KeepOrder {
  sort = (files: TestSpecification[]) => files;
  shard = (files: TestSpecification[]) => files;
}

/** Vite names modules by absolute path with "/" on every system. */
function toModuleId(file: string): string {
  return file.split(path.sep).join("/");
}

function filesUnder(directory: string): string[] {
  return readdirSync(directory, { recursive: true, encoding: "utf8" }).map((entry) =>
    path.join(directory, entry),
  );
}
