/**
 * `npm run demo -- 8 exercise`: your error-handling middleware of lesson 08
 * (starter/08-errors/), each around an app that fails, on http://127.0.0.1:8008/.
 * The log lines go to this terminal.
 *
 * @example
 * // npm run demo -- 8 exercise, then: curl -i http://127.0.0.1:8008/08-error-page
 */
import { errorPage } from "../../starter/08-errors/error-page.ts";
import { safeStream } from "../../starter/08-errors/mid-stream.ts";
import { runExerciseDemo } from "../../workshop/exercise-demo.ts";
import { failsEarly } from "./failing.ts";

await runExerciseDemo(8, {
  "08-error-page": errorPage(failsEarly),
  "08-mid-stream": safeStream(failsEarly),
});
