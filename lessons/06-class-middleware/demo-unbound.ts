/** `npm run demo -- 6 unbound`: a class method passed as an app, unbound: every request fails. */
import { runDemo } from "../../workshop/run-demo.ts";
import { broken } from "./unbound.ts";

await runDemo(broken, 6);
