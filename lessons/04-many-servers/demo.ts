/** `npm run demo -- 4`: lesson 04's app under the node:http server, on http://127.0.0.1:8004/. */
import { runDemo } from "../../workshop/run-demo.ts";
import { app } from "./app.ts";

await runDemo(app, 4);
