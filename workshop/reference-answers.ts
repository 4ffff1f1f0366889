/**
 * Whether this copy of the workshop has its reference answers (`solutions/`).
 *
 * Instructors often hand out a copy without them. Every program that needs
 * them asks here first, so a learner reads one clear sentence, naming what
 * to run instead, rather than a module-not-found stack.
 *
 * @example
 * if (!hasReferenceAnswers(root)) {
 *   console.error(`npm run signin -- --solution: ${missingReferenceAnswers}`);
 * }
 */
import { existsSync } from "node:fs";
import path from "node:path";

/**
 * The sentence every program says when `solutions/` is missing.
 *
 * @example
 * throw new Error(missingReferenceAnswers);
 */
export const missingReferenceAnswers =
  "the reference answers are not in this copy (there is no solutions/ folder)";

/**
 * For a command that runs a reference answer: true when it can. Otherwise it says what is
 * missing and what to run instead, on standard error, sets the exit code to 1, and gives false.
 *
 * @example
 * if (referenceAnswersOr(root, "npm run demo -- 11", "npm run signin (your own sign-in app)")) {
 *   await import("../../solutions/signin/server.ts");
 * }
 */
export function referenceAnswersOr(root: string, command: string, instead: string): boolean {
  if (hasReferenceAnswers(root)) return true;
  console.error(`${command}: ${missingReferenceAnswers}. Run ${instead} instead.`);
  process.exitCode = 1;
  return false;
}

/**
 * True when the checkout at `root` has its `solutions/` folder.
 *
 * @example
 * hasReferenceAnswers("/home/me/workshop"); // false in a copy handed out without answers
 */
export function hasReferenceAnswers(root: string): boolean {
  return existsSync(path.join(root, "solutions"));
}
