/** `npm run demo -- 3 countdown`: the streaming app on http://127.0.0.1:8003/. */
import { runDemo } from "../../workshop/run-demo.ts";
import { countdown } from "./countdown.ts";

await runDemo(countdown, 3);
