/** `npm run demo -- 5`: hello inside three layers of function middleware, two loggers and a signature. On http://127.0.0.1:8005/. */
import { runDemo } from "../../workshop/run-demo.ts";
import { app } from "./stack.ts";

await runDemo(app, 5);
