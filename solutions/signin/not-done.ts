/**
 * "Not done yet": what the starter's unfinished steps answer.
 *
 * Each exercise of the sign-in app is one file of it. Until a learner writes
 * that file, its starter version throws `notDone(...)`, so the app still
 * runs, and the page that needs the missing step answers 501 Not
 * Implemented, naming the exercise and the file to edit. The reference
 * solution never calls it; it is here so that both trees hold the same files.
 *
 * @example
 * export function signinForm(view: FormView): SafeHtml {
 *   // (the task, and the edit site marked for the learner)
 *   throw notDone("11-signin-form", "pages/signin.ts", view);
 * }
 */
import { HttpError } from "../../gateway/kit/http-errors.ts";

/**
 * The 501 answer for an exercise that is not written yet. `inputs` are the
 * unfinished function's parameters, handed over only so that TypeScript
 * does not call them unused before the body is written.
 * @example throw notDone("11-read-credentials", "credentials.ts", environ);
 */
export function notDone(exercise: string, file: string, ..._inputs: unknown[]): HttpError {
  return new HttpError(501, {
    detail:
      `Exercise ${exercise} is not done yet: write it in starter/signin/${file} (the task is at ` +
      `the top of the file). "npm run learn -- check ${exercise}" checks your work; restart ` +
      `"npm run signin" to see it here.`,
  });
}
