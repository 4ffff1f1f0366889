/** `npm run demo -- 7`: apps and middleware that stream, written as generators. On http://127.0.0.1:8007/. */
import { runDemo } from "../../workshop/run-demo.ts";
import { app } from "./app.ts";

await runDemo(app, 7);
