/**
 * `npm run demo -- 5 exercise`: your two middleware of lesson 05
 * (starter/05-function-middleware/), each around a small app, on http://127.0.0.1:8005/.
 *
 * @example
 * // npm run demo -- 5 exercise, then: curl -i http://127.0.0.1:8005/05-add-header
 */
import { encode } from "../../gateway/bytes.ts";
import type { App } from "../../gateway/types.ts";
import { addHeader } from "../../starter/05-function-middleware/add-header.ts";
import { upperCase } from "../../starter/05-function-middleware/upper-case.ts";
import { runExerciseDemo } from "../../workshop/exercise-demo.ts";
import { hello } from "./hello.ts";

/** Text whose upper case is longer in bytes: "ß" becomes "SS". */
const greeting: App = (_environ, startResponse) => {
  const body = encode("Hello, straße!\n");
  startResponse("200 OK", [
    ["Content-Type", "text/plain; charset=utf-8"],
    ["Content-Length", String(body.byteLength)],
  ]);
  return [body];
};

await runExerciseDemo(5, {
  "05-add-header": addHeader("X-Powered-By", "the Gateway Interface workshop")(hello),
  "05-upper-case": upperCase(greeting),
});
