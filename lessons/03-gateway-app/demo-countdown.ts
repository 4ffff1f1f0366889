/** `npm run demo -- 3 countdown`: a body sent while it is made, a line a second. On http://127.0.0.1:8003/. */
import { runDemo } from "../../workshop/run-demo.ts";
import { countdown } from "./countdown.ts";

await runDemo(countdown, 3);
