/**
 * The test runner the workshop home checks a learner's exercises with.
 *
 * It is the checkout's shared runner for `starter/` (learn/shared-runner.ts):
 * while `npm run learn` runs, the home sends its checks there, and the
 * other way round, so a laptop never runs two fleets of test threads.
 * Nothing starts until the first check: a visit to the lessons costs nothing.
 *
 * @example
 * const runner = learnerRunner();
 * homeApp({ runner });
 */
import path from "node:path";
import { fileURLToPath } from "node:url";
import { type SharedRunner, sharedRunner } from "./learn/shared-runner.ts";

const REPOSITORY_ROOT = fileURLToPath(new URL("../", import.meta.url));

/**
 * The shared runner of the learner's `starter/` tree in the checkout at `root`.
 *
 * @example
 * const outcomes = await learnerRunner().run([exercise.test]);
 */
export function learnerRunner(root = REPOSITORY_ROOT): SharedRunner {
  return sharedRunner(root, path.join(root, "starter"));
}
