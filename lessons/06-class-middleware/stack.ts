/**
 * Lesson 06's stack: lesson 05's hello app behind a rate limit, with lesson
 * 05's logger outside it, so the log shows the 429 answers too.
 */
import { hello } from "../05-function-middleware/hello.ts";
import { logger } from "../05-function-middleware/logger.ts";
import { RateLimit } from "./rate-limit.ts";

// #region stack
const limited = new RateLimit(hello, { limit: 3, windowSeconds: 30 });
export const app = logger({ label: "log" })(limited.app);
// #endregion stack
