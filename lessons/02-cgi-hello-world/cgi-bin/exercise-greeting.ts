/**
 * Your exercise 02-cgi-greeting, as a CGI program: it runs the `respond`
 * you wrote in starter/02-cgi-hello-world/greeting.ts.
 *
 * @example
 * // npm run demo -- 2, then: curl -i "http://127.0.0.1:8002/exercise-greeting.ts?name=Ada"
 */
import { respond } from "../../../starter/02-cgi-hello-world/greeting.ts";
import { runAsCGI } from "../respond.ts";

await runAsCGI(respond);
