/** `npm run demo -- 4`: the app under the long-running `node:http` server: one process, a counter that climbs. On http://127.0.0.1:8004/. */
import { runDemo } from "../../workshop/run-demo.ts";
import { app } from "./app.ts";

await runDemo(app, 4);
