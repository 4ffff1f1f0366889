/** `npm run demo -- 10`: a shop that breaks four ways, under the interactive debugger. On port 8010. */
import { interactiveDebugger } from "../../gateway/debugger/index.ts";
import { runDemo } from "../../workshop/run-demo.ts";
import { app } from "./app.ts";

// #region demo
// On because this is a lesson, on your own machine. Never enable it in production.
await runDemo(interactiveDebugger({ enabled: true })(app), 10);
// #endregion demo
