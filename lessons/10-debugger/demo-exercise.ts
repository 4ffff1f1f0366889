/** `npm run demo -- 10 exercise`: your invoice (starter/10-debugger/invoice.ts) under the debugger. */
import { interactiveDebugger } from "../../gateway/debugger/index.ts";
import { invoice } from "../../starter/10-debugger/invoice.ts";
import { runDemo } from "../../workshop/run-demo.ts";

await runDemo(interactiveDebugger({ enabled: true })(invoice), 10);
