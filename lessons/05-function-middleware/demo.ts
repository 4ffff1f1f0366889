/** `npm run demo -- 5`: lesson 05's stack on http://127.0.0.1:8005/. */
import { runDemo } from "../../workshop/run-demo.ts";
import { app } from "./stack.ts";

await runDemo(app, 5);
