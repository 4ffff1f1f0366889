/**
 * `npm test` in a copy of the workshop handed out without its reference answers.
 *
 * Most tests check the workshop itself, and run anywhere. Some check the
 * reference answers (`solutions/`): the exercise tests and the sign-in
 * app's. In a learner's copy without `solutions/`, and outside CI, those are
 * left out (vitest.config.ts excludes the files below; a test inside another
 * file uses `itWithReferenceAnswers` from test/support/reference-answers.ts),
 * and this file, Vitest's global setup, says so once. Under `CI=true` a
 * missing `solutions/` is a failure: the run stops here with the reason.
 *
 * @example
 * // vitest.config.ts
 * exclude: [...(referenceAnswersLeftOut ? needReferenceAnswers : [])],
 * globalSetup: ["test/reference-answers.ts"],
 */
import path from "node:path";
import { fileURLToPath } from "node:url";
import { hasReferenceAnswers, missingReferenceAnswers } from "../workshop/reference-answers.ts";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

/** The test files that check the reference answers, all through. */
export const needReferenceAnswers = [
  "test/exercises/[0-9][0-9]-*/**",
  "test/signin/**",
  "test/workshop/signin.test.ts",
  "test/lessons/13-many-workers/faults.peers.test.ts",
];

/** True in a copy without `solutions/`, outside CI: the tests of the reference answers are left out. */
export const referenceAnswersLeftOut = !hasReferenceAnswers(root) && !process.env.CI;

/**
 * Vitest's global setup: says once that the reference answers are left out, or, under CI,
 * fails the run because they are missing.
 *
 * @example
 * // runs once, before any test file
 */
export default function checkReferenceAnswers(): void {
  if (hasReferenceAnswers(root)) return;
  if (process.env.CI) {
    throw new Error(`${missingReferenceAnswers}: under CI=true the tests must check them.`);
  }
  console.log(
    `\nNote: ${missingReferenceAnswers}. The tests that check them are left out; ` +
      "everything else runs. Your own exercises: npm run learn.\n",
  );
}
