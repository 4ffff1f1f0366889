/**
 * Lesson 05's stack: the hello app inside three layers of middleware.
 *
 * Reading from the inside out: `hello` answers; the inner logger sees that
 * answer; `signature` rewrites it; the outer logger sees the rewritten one.
 * `stack(app, a, b, c)` is `c(b(a(app)))`; with `--trace` it also names
 * each layer in the trace (the loggers by the names `traced` gives them).
 */
import { stack, traced } from "../../gateway/trace/stack.ts";
import { hello } from "./hello.ts";
import { logger } from "./logger.ts";
import { signature } from "./signature.ts";

// #region stack
export const app = stack(
  hello,
  traced("inner logger", logger({ label: "inner" })),
  signature("signed by lesson 05"),
  traced("outer logger", logger({ label: "outer" })),
);
// #endregion stack
