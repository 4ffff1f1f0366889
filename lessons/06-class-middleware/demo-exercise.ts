/**
 * `npm run demo -- 6 exercise`: your two class middleware of lesson 06
 * (starter/06-class-middleware/), each around lesson 05's hello app, on http://127.0.0.1:8006/.
 *
 * The allow-list lets in only 192.0.2.1, an address kept for examples: no
 * machine has it, so your own requests are the ones it must refuse.
 *
 * @example
 * // npm run demo -- 6 exercise, then: curl -i http://127.0.0.1:8006/06-request-counter
 */
import { AllowList } from "../../starter/06-class-middleware/allow-list.ts";
import { RequestCounter } from "../../starter/06-class-middleware/request-counter.ts";
import { runExerciseDemo } from "../../workshop/exercise-demo.ts";
import { hello } from "../05-function-middleware/hello.ts";

await runExerciseDemo(6, {
  "06-request-counter": new RequestCounter(hello).app,
  "06-allow-list": new AllowList(hello, { allow: ["192.0.2.1"] }).app,
});
