/**
 * `npm run demo -- 10 exercise`: your invoice (starter/10-debugger/invoice.ts), under the
 * debugger, at /; and your `localOnly` (starter/10-debugger/local-only.ts) around a hello
 * app, at /10-local-only.
 */
import { interactiveDebugger } from "../../gateway/debugger/index.ts";
import { urlMap } from "../../gateway/kit/url-map.ts";
import { invoice } from "../../starter/10-debugger/invoice.ts";
import { localOnly } from "../../starter/10-debugger/local-only.ts";
import { runDemo } from "../../workshop/run-demo.ts";
import { hello } from "../05-function-middleware/hello.ts";

await runDemo(
  urlMap({
    "/10-local-only": localOnly(hello),
    "/": interactiveDebugger({ enabled: true })(invoice),
  }),
  10,
);
