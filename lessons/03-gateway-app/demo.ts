/** `npm run demo -- 3`: the CGI hello, now a gateway app on the `node:http` server. On http://127.0.0.1:8003/. */
import { runDemo } from "../../workshop/run-demo.ts";
import { app } from "./app.ts";

await runDemo(app, 3);
