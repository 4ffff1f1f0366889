/**
 * `npm run demo -- 4 exercise`: your two apps of lesson 04 (starter/04-many-servers/),
 * each under its exercise's id, on http://127.0.0.1:8004/.
 *
 * @example
 * // npm run demo -- 4 exercise, then: curl -i "http://127.0.0.1:8004/04-request-url/a%20b?x=1"
 */
import { app as requestUrl } from "../../starter/04-many-servers/request-url.ts";
import { app as serverReport } from "../../starter/04-many-servers/server-report.ts";
import { runExerciseDemo } from "../../workshop/exercise-demo.ts";

await runExerciseDemo(4, {
  "04-server-report": serverReport,
  "04-request-url": requestUrl,
});
