/** `npm run demo -- 7`: lesson 07's streaming apps on http://127.0.0.1:8007/. */
import { runDemo } from "../../workshop/run-demo.ts";
import { app } from "./app.ts";

await runDemo(app, 7);
