/** `npm run demo -- 6`: lesson 05's hello behind a class middleware's rate limit. On http://127.0.0.1:8006/. */
import { runDemo } from "../../workshop/run-demo.ts";
import { app } from "./stack.ts";

await runDemo(app, 6);
