/**
 * Running exercise tests against one tree, from inside a program.
 *
 * `npm run learn` and `npm run prove` both need "run these exercise tests
 * against that tree, and tell me which pass and why the others fail". One
 * Vitest instance, kept open, does it: starting Vitest costs about a second,
 * a rerun of one test file a few hundred milliseconds. The tree reaches the
 * tests through `EXERCISE_ROOT` (see test/exercises/load-exercise.ts).
 *
 * Vitest keeps transformed modules between runs, so before each run every
 * file of the tree is invalidated: a learner's save is always seen.
 *
 * @example
 * const runner = await createRunner(root, path.join(root, "starter"));
 * const outcomes = await runner.run(["test/exercises/05-function-middleware/add-header.test.ts"]);
 * await runner.close();
 */
import { readdirSync } from "node:fs";
import path from "node:path";
import type { Reporter, SerializedError, TestModule, Vitest } from "vitest/node";

/** Why an exercise's test failed, in the learner's terms. */
export interface Failure {
  /** The failing test's full name ("" when the file failed before any test ran). */
  readonly test: string;
  /** The assertion's message, which names what to fix and the section to read. */
  readonly message: string;
  /** Where in the tree the error was thrown, "starter/05-.../add-header.ts:12:5", when it was. */
  readonly where?: string;
}

/** The result of one exercise test file. */
export interface TestOutcome {
  readonly passed: boolean;
  /** The first failure, when it did not pass. */
  readonly failure?: Failure;
  /** What the code under test printed (console.log) during the run. */
  readonly output: string;
}

/** Runs exercise tests against one tree; one at a time, reusing one Vitest. */
export interface ExerciseRunner {
  /** Runs the given test files (paths from the repository root); one outcome per path. */
  run(tests: readonly string[]): Promise<Map<string, TestOutcome>>;
  close(): Promise<void>;
}

interface ConsoleLog {
  readonly taskId?: string;
  readonly content: string;
}

/**
 * How long one run may take. An exercise test takes a second or two; one
 * that runs on is stuck in the learner's code (a loop that never ends, say),
 * which no test timeout can interrupt, since it never lets the test runner
 * have a turn.
 */
const DEADLINE_MS = 30_000;

/**
 * Starts Vitest at `root`, with `EXERCISE_ROOT` set to `tree` (an absolute path).
 * A run that passes `deadlineMs` is reported as failed, and the next run
 * gets a fresh Vitest.
 *
 * @example
 * const runner = await createRunner("/home/me/workshop", "/home/me/workshop/starter");
 */
export async function createRunner(
  root: string,
  tree: string,
  deadlineMs = DEADLINE_MS,
): Promise<ExerciseRunner> {
  const logs: ConsoleLog[] = [];
  let vitest = await startVitest(root, tree, logs);
  return {
    async run(tests) {
      for (const file of filesUnder(tree)) vitest.invalidateFile(toModuleId(file));
      logs.length = 0;
      const modules = await withDeadline(runTests(vitest, root, tests), deadlineMs);
      if (modules === undefined) {
        // Closing ends the stuck worker; a fresh Vitest takes the next run.
        void vitest.close();
        vitest = await startVitest(root, tree, logs);
        return new Map(tests.map((test) => [test, tooLong(deadlineMs)]));
      }
      return new Map(
        tests.map((test) => {
          const module = modules.get(toModuleId(path.resolve(root, test)));
          return [test, outcomeOf(module, { root, tree, logs })];
        }),
      );
    },
    close: () => vitest.close(),
  };
}

async function startVitest(root: string, tree: string, logs: ConsoleLog[]): Promise<Vitest> {
  // Loading Vitest takes a second or two: only commands that run tests pay for it.
  const { createVitest } = await import("vitest/node");
  // Our own reporter, and nothing else: the caller decides what to print.
  const collector: Reporter = { onUserConsoleLog: (log) => void logs.push(log) };
  return createVitest("test", {
    root,
    watch: false,
    // Every run loads the exercise files afresh (vitest.config.ts shares modules for speed).
    isolate: true,
    // Worker threads, not processes: closing a Vitest terminates its threads even when one is
    // stuck in a loop, where a stuck worker process would be left running on its own.
    pool: "threads",
    reporters: [collector],
    env: { EXERCISE_ROOT: tree },
  });
}

/** Runs the test files; the modules Vitest reports, by module id. */
async function runTests(
  vitest: Vitest,
  root: string,
  tests: readonly string[],
): Promise<Map<string, TestModule>> {
  const project = vitest.getRootProject();
  const specifications = tests.map((test) =>
    project.createSpecification(toModuleId(path.resolve(root, test))),
  );
  const result = await vitest.runTestSpecifications(specifications);
  // The result lists every module Vitest has seen so far: the caller picks the ones it asked for.
  return new Map(result.testModules.map((module) => [module.moduleId, module]));
}

/** The value of `work`, or `undefined` if it is not there within `ms`. */
async function withDeadline<T>(work: Promise<T>, ms: number): Promise<T | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => resolve(undefined), ms);
  });
  try {
    return await Promise.race([work, late]);
  } finally {
    clearTimeout(timer);
  }
}

function tooLong(deadlineMs: number): TestOutcome {
  const message =
    `the test did not finish in ${deadlineMs / 1000} s: look in your file for a loop that ` +
    "never ends (or a promise that never settles), fix it and save";
  return { passed: false, failure: { test: "", message }, output: "" };
}

interface Context {
  readonly root: string;
  readonly tree: string;
  readonly logs: readonly ConsoleLog[];
}

function outcomeOf(module: TestModule | undefined, context: Context): TestOutcome {
  if (module === undefined) {
    return { passed: false, failure: { test: "", message: "the test did not run" }, output: "" };
  }
  const output = context.logs
    .filter((log) => log.taskId?.startsWith(module.id))
    .map((log) => log.content)
    .join("");
  const failure = firstFailure(module, context);
  if (failure !== undefined) return { passed: false, failure, output };
  if (module.state() !== "passed") {
    return { passed: false, failure: { test: "", message: "no test ran (skipped?)" }, output };
  }
  return { passed: true, output };
}

function firstFailure(module: TestModule, context: Context): Failure | undefined {
  const [moduleError] = module.errors();
  if (moduleError !== undefined) return failureOf("", moduleError, context);
  for (const test of module.children.allTests()) {
    const result = test.result();
    const [error] = result.state === "failed" ? result.errors : [];
    if (error !== undefined) return failureOf(test.fullName, error, context);
  }
  return undefined;
}

function failureOf(test: string, error: SerializedError, context: Context): Failure {
  const where = error.stacks?.find((frame) => isInside(context.tree, frame.file));
  return {
    test,
    message: learnerMessage(error),
    ...(where && { where: `${relativeName(context.root, where.file)}:${where.line}` }),
  };
}

/** The message without Vitest's notes for its own developers ("// Object.is equality"). */
function learnerMessage(error: SerializedError): string {
  const message = error.message.replace(/\s*\/\/ Object\.is equality$/, "");
  const generic = error.name === undefined || ["Error", "AssertionError"].includes(error.name);
  return generic ? message : `${error.name}: ${message}`;
}

function isInside(directory: string, file: string): boolean {
  const relative = path.relative(directory, path.resolve(file));
  return relative !== "" && !relative.startsWith("..") && !path.isAbsolute(relative);
}

function relativeName(root: string, file: string): string {
  return path.relative(root, path.resolve(file)).split(path.sep).join("/");
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
