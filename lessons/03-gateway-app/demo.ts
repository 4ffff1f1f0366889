/** `npm run demo -- 3`: serves lesson 03's app on http://127.0.0.1:8003/. */
import { runDemo } from "../../workshop/run-demo.ts";
import { app } from "./app.ts";

await runDemo(app, 3);
