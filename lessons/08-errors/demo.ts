/** `npm run demo -- 8`: wrong and right error handlers, failing before and after the headers went out. On http://127.0.0.1:8008/. */
import { runDemo } from "../../workshop/run-demo.ts";
import { app } from "./app.ts";

await runDemo(app, 8);
