/**
 * An exercise test's outcome, in the learner's terms.
 *
 * Vitest reports modules, tests and serialized errors; a learner wants to
 * know: does it pass, and if not, what to fix and where. This file turns the
 * one into the other, and words the two verdicts Vitest cannot give itself:
 * a loop that never ends, and a test that did not run.
 *
 * @example
 * const outcome = outcomeOf(testModule, { root, tree, logs });
 * if (!outcome.passed) console.log(outcome.failure?.message);
 */
import path from "node:path";
import type { SerializedError, TestModule } from "vitest/node";
import type { LoopPlace } from "./loop-locator.ts";

/** Why an exercise's test failed, in the learner's terms. */
export interface Failure {
  /** The failing test's full name ("" when the file failed before any test ran). */
  readonly test: string;
  /** The assertion's message, which names what to fix and the section to read. */
  readonly message: string;
  /** Where in the tree the error was thrown, "starter/05-.../add-header.ts:12", when it was. */
  readonly where?: string;
}

/** How one test file's run spent its time, in ms (Vitest's own diagnostic). */
export interface Phases {
  /** Setting up the test harness in its thread. */
  readonly prepare: number;
  /** Loading the setup files (the heartbeat). */
  readonly setup: number;
  /** Importing the test, the learner's file and what they import. */
  readonly collect: number;
  /** Running the tests and their hooks. */
  readonly tests: number;
}

/** The result of one exercise test file. */
export interface TestOutcome {
  readonly passed: boolean;
  /** The first failure, when it did not pass. */
  readonly failure?: Failure;
  /** What the code under test printed (console.log) during the run. */
  readonly output: string;
  /** Where its time went, when it ran (the benchmark prints it). */
  readonly phases?: Phases;
}

/** A line the code under test printed, as Vitest reports it. */
export interface ConsoleLog {
  readonly taskId?: string;
  readonly content: string;
}

/** What the outcome of a module is read against. */
export interface OutcomeContext {
  /** The repository root: places are named from it. */
  readonly root: string;
  /** The tree under test (absolute): a failure's place is the first frame inside it. */
  readonly tree: string;
  readonly logs: readonly ConsoleLog[];
}

/**
 * The outcome of a test module Vitest has finished.
 *
 * @example
 * outcomeOf(module, context); // { passed: false, failure: { test: "01-greet > greets", ... }, output: "" }
 */
export function outcomeOf(module: TestModule, context: OutcomeContext): TestOutcome {
  const output = context.logs
    .filter((log) => log.taskId?.startsWith(module.id))
    .map((log) => log.content)
    .join("");
  const phases = phasesOf(module);
  const failure = firstFailure(module, context);
  if (failure !== undefined) return { passed: false, failure, output, phases };
  if (module.state() !== "passed") {
    const skipped = { test: "", message: "no test ran (skipped?)" };
    return { passed: false, failure: skipped, output, phases };
  }
  return { passed: true, output, phases };
}

/**
 * The verdict on a test whose thread stopped beating: the learner's code never gives it back.
 * `place` is where the loop was running, when the inspector could tell.
 *
 * @example
 * endlessLoop({ file: "/w/starter/01-basics/greet.ts", line: 2, name: "greet" }, { root: "/w" });
 * // message: "your code never gave the test a turn: it was still running line 2 of ..."
 */
export function endlessLoop(
  place: LoopPlace | undefined,
  context: Pick<OutcomeContext, "root">,
): TestOutcome {
  if (place === undefined) {
    const message =
      "your code never gave the test a turn: look in your file for a loop that never ends, " +
      "fix it and save, and the test runs again";
    return { passed: false, failure: { test: "", message }, output: "" };
  }
  const file = relativeName(context.root, place.file);
  const inside = place.name === "" ? "" : ` (in ${place.name})`;
  const message =
    `your code never gave the test a turn: it was still running line ${place.line} of ${file}` +
    `${inside}. A loop that never ends? Fix it and save, and the test runs again`;
  return {
    passed: false,
    failure: { test: "", message, where: `${file}:${place.line}` },
    output: "",
  };
}

/**
 * The verdict on a test file that did not run at all (it does not exist, say).
 *
 * @example
 * notRun(); // { passed: false, failure: { test: "", message: "the test did not run" }, output: "" }
 */
export function notRun(): TestOutcome {
  return { passed: false, failure: { test: "", message: "the test did not run" }, output: "" };
}

function phasesOf(module: TestModule): Phases {
  const { prepareDuration, setupDuration, collectDuration, duration } = module.diagnostic();
  return {
    prepare: prepareDuration,
    setup: setupDuration,
    collect: collectDuration,
    tests: duration,
  };
}

function firstFailure(module: TestModule, context: OutcomeContext): Failure | undefined {
  const [moduleError] = module.errors();
  if (moduleError !== undefined) return failureOf("", moduleError, context);
  for (const test of module.children.allTests()) {
    const result = test.result();
    const [error] = result.state === "failed" ? result.errors : [];
    if (error !== undefined) return failureOf(test.fullName, error, context);
  }
  return undefined;
}

function failureOf(test: string, error: SerializedError, context: OutcomeContext): Failure {
  const where = error.stacks?.find((frame) => isInside(context.tree, frame.file));
  return {
    test,
    message: learnerMessage(error),
    ...(where && { where: `${relativeName(context.root, where.file)}:${where.line}` }),
  };
}

/** The message without Vitest's notes for its own developers ("// Object.is equality"). */
function learnerMessage(error: SerializedError): string {
  const message = error.message
    .replace(/\s*\/\/ Object\.is equality$/, "")
    .replace(
      /^Test timed out in (\d+)ms\.[\s\S]*/,
      (_all, ms: string) =>
        `the test waited ${Number(ms) / 1000} s for your code to finish: ` +
        "look for a promise that never settles (an await on something that never happens)",
    );
  const generic = error.name === undefined || ["Error", "AssertionError"].includes(error.name);
  return generic ? message : `${error.name}: ${message}`;
}

/**
 * True when `file` lies inside `directory`.
 *
 * @example
 * isInside("/w/starter", "/w/starter/a.ts"); // true
 */
export function isInside(directory: string, file: string): boolean {
  const relative = path.relative(directory, path.resolve(file));
  return relative !== "" && !relative.startsWith("..") && !path.isAbsolute(relative);
}

/**
 * A path as a learner sees it: from the repository root, with "/".
 *
 * @example
 * relativeName("/w", "/w/starter/a.ts"); // "starter/a.ts"
 */
export function relativeName(root: string, file: string): string {
  return path.relative(root, path.resolve(file)).split(path.sep).join("/");
}
