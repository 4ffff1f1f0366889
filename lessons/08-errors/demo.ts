/** `npm run demo -- 8`: the wrong and right error handlers on http://127.0.0.1:8008/. */
import { runDemo } from "../../workshop/run-demo.ts";
import { app } from "./app.ts";

await runDemo(app, 8);
