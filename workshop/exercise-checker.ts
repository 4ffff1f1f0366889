/**
 * Checking a learner's exercises from the workshop home.
 *
 * The progress page asks for one exercise at a time, so it can show each
 * result as soon as it is known. The tests run in one Vitest, started on
 * the first visit and kept for the next ones (starting it costs a second or
 * two, a rerun a few hundred milliseconds). Two visitors at once must not
 * run it at the same time: checks wait in line.
 *
 * @example
 * const checker = starterChecker(repositoryRoot);
 * const outcome = await checker.check(findExercise("05-add-header")!);
 * await checker.close();
 */
import path from "node:path";
import { fileURLToPath } from "node:url";
import { createRunner, type ExerciseRunner, type TestOutcome } from "./learn/run-test.ts";
import type { Exercise } from "./manifest.ts";

/** Runs an exercise's test against the learner's files. */
export interface ExerciseChecker {
  check(exercise: Exercise): Promise<TestOutcome>;
  /** Stops the test runner, if one was started. */
  close(): Promise<void>;
}

const REPOSITORY_ROOT = fileURLToPath(new URL("../", import.meta.url));

/**
 * A checker of the learner's `starter/` tree, as `npm run learn` checks it.
 * `start` makes the test runner (tests pass their own).
 * @example homeApp({ checker: starterChecker() });
 */
export function starterChecker(root = REPOSITORY_ROOT, start = createRunner): ExerciseChecker {
  let runner: Promise<ExerciseRunner> | undefined;
  let line: Promise<unknown> = Promise.resolve();
  return {
    check(exercise) {
      runner ??= start(root, path.join(root, "starter"));
      const started = runner;
      // Vitest that failed to start is tried again on the next check, not kept as failed.
      started.catch(() => {
        if (runner === started) runner = undefined;
      });
      const checked = line.then(async () => {
        const outcomes = await (await started).run([exercise.test]);
        return outcomes.get(exercise.test) ?? notRun();
      });
      // The next check waits for this one, whether it passed, failed or broke.
      line = checked.catch(() => {});
      return checked;
    },
    async close() {
      await line;
      await (await runner?.catch(() => undefined))?.close();
    },
  };
}

function notRun(): TestOutcome {
  return { passed: false, failure: { test: "", message: "the test did not run" }, output: "" };
}
