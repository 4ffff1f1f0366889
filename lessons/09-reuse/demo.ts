/** `npm run demo -- 9`: a notes site stacked from the kit's middleware, none of it rewritten. On http://127.0.0.1:8009/. */
import { runDemo } from "../../workshop/run-demo.ts";
import { app } from "./stack.ts";

await runDemo(app, 9);
