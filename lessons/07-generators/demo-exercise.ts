/**
 * `npm run demo -- 7 exercise`: your generator app and middleware of lesson 07
 * (starter/07-generators/), on http://127.0.0.1:8007/.
 *
 * @example
 * // npm run demo -- 7 exercise, then: curl -N "http://127.0.0.1:8007/07-count-up?to=5"
 */
import { encode } from "../../gateway/bytes.ts";
import type { App } from "../../gateway/types.ts";
import { countUp } from "../../starter/07-generators/count-up.ts";
import { numberLines } from "../../starter/07-generators/number-lines.ts";
import { runExerciseDemo } from "../../workshop/exercise-demo.ts";

/** A poem in three chunks, one of them cut in the middle of a line. */
const poem: App = function* (_environ, startResponse) {
  startResponse("200 OK", [["Content-Type", "text/plain; charset=utf-8"]]);
  yield encode("The body streams\nchunk by ch");
  yield encode("unk,\nand every line\n");
  yield encode("gets its number.\n");
};

await runExerciseDemo(7, {
  "07-count-up": countUp,
  "07-number-lines": numberLines(poem),
});
