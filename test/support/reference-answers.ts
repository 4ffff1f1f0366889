/**
 * For a test that checks the reference answers inside a file that checks other things too.
 *
 * In a copy handed out without `solutions/`, and outside CI, such a test is
 * skipped (test/reference-answers.ts says why, once, before the run);
 * everywhere else, and always under `CI=true`, it runs.
 *
 * @example
 * itWithReferenceAnswers("shows the reference's code", () => { ... });
 */
import { it } from "vitest";
import { referenceAnswersLeftOut } from "../reference-answers.ts";

/** `it`, skipped where the reference answers are left out. */
export const itWithReferenceAnswers = it.skipIf(referenceAnswersLeftOut);
