/**
 * Lesson 05's stack: the hello app inside three layers of middleware.
 *
 * Reading from the inside out: `hello` answers; the inner logger sees that
 * answer; `signature` rewrites it; the outer logger sees the rewritten one.
 */
import { hello } from "./hello.ts";
import { logger } from "./logger.ts";
import { signature } from "./signature.ts";

// #region stack
const inner = logger({ label: "inner" })(hello);
const signed = signature("signed by lesson 05")(inner);
export const app = logger({ label: "outer" })(signed);
// #endregion stack
