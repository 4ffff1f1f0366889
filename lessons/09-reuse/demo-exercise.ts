/**
 * `npm run demo -- 9 exercise`: your three stacks of lesson 09 (starter/09-reuse/),
 * on http://127.0.0.1:8009/. The request log of the ordered stack goes to this terminal.
 *
 * @example
 * // npm run demo -- 9 exercise, then: curl -i --compressed http://127.0.0.1:8009/09-order-the-stack/missing
 */
import { visits } from "../../starter/09-reuse/count-visits.ts";
import { site } from "../../starter/09-reuse/mount-apps.ts";
import { stack } from "../../starter/09-reuse/order-stack.ts";
import { runExerciseDemo } from "../../workshop/exercise-demo.ts";

await runExerciseDemo(9, {
  "09-mount-apps": site,
  "09-count-visits": visits,
  "09-order-the-stack": stack((line) => console.log(line)),
});
