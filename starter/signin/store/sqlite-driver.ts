/**
 * better-sqlite3, in the version that runs on this Node.
 *
 * Version 13 is built on Node-API 10 and ships ready-built for Windows,
 * macOS and Linux, so Node 22 and 24 need no compiler; Node 20 has no
 * Node-API 10 and crashes as it loads it. Version 12 runs on Node 20 and
 * 22, but on Node 24 it aborts the whole process ("Assertion failed: (env)
 * != nullptr") when the garbage collector frees one of its statements
 * outside JavaScript, as at a worker thread's exit (WiseLibs/better-sqlite3
 * issue 1515). So package.json installs both, version 12 under the name
 * `better-sqlite3-node20` and optional (a machine that cannot build it
 * still installs), and this file picks. Both have the same API.
 *
 * @example
 * import { BetterSqlite3 } from "./sqlite-driver.ts";
 * const db = new BetterSqlite3(":memory:");
 */
import { createRequire } from "node:module";
import type Driver from "better-sqlite3";

const require = createRequire(import.meta.url);
const major = Number(process.versions.node.split(".")[0]);

/** The `Database` class of the better-sqlite3 that suits this Node. */
export const BetterSqlite3: typeof Driver = require(
  major < 22 ? "better-sqlite3-node20" : "better-sqlite3",
);

/** An open connection. */
export type Database = Driver.Database;
