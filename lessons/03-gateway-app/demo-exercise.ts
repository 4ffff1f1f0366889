/**
 * `npm run demo -- 3 exercise`: your three apps of lesson 03 (starter/03-gateway-app/),
 * each under its exercise's id, on http://127.0.0.1:8003/.
 *
 * @example
 * // npm run demo -- 3 exercise, then: curl -i "http://127.0.0.1:8003/03-greet-by-name?name=Ada"
 */
import { app as echoForm } from "../../starter/03-gateway-app/echo-form.ts";
import { app as greet } from "../../starter/03-gateway-app/greet.ts";
import { app as hello } from "../../starter/03-gateway-app/hello.ts";
import { runExerciseDemo } from "../../workshop/exercise-demo.ts";

await runExerciseDemo(3, {
  "03-hello-app": hello,
  "03-greet-by-name": greet,
  "03-echo-form": echoForm,
});
