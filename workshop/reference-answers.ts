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
 * True when the checkout at `root` has its `solutions/` folder.
 *
 * @example
 * hasReferenceAnswers("/home/me/workshop"); // false in a copy handed out without answers
 */
export function hasReferenceAnswers(root: string): boolean {
  return existsSync(path.join(root, "solutions"));
}
