/** `npm run demo -- 9`: lesson 09's stack on http://127.0.0.1:8009/. */
import { runDemo } from "../../workshop/run-demo.ts";
import { app } from "./stack.ts";

await runDemo(app, 9);
