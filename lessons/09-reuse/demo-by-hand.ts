/** `npm run demo -- 9 by-hand`: the same site written by hand, without the kit. On http://127.0.0.1:8009/. */

import { validator } from "../../gateway/validator/index.ts";
import { runDemo } from "../../workshop/run-demo.ts";
import { byHand } from "./by-hand.ts";

await runDemo(validator(byHand), 9);
