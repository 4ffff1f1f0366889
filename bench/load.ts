/**
 * The load tool: wrk when it is installed, autocannon otherwise.
 *
 * wrk is written in C and one thread of it is light enough not to be the
 * bottleneck when it shares a small machine with the server. autocannon
 * runs in Node, in the runner's own process: it works everywhere (Windows
 * included) but needs more CPU per request, so its numbers are lower for
 * every server alike; the ratios still compare.
 *
 * @example
 * const tool = chooseLoadTool();
 * const run = await tool.run({ url, seconds: 5, connections: 50 });
 */
import { execFile, spawnSync } from "node:child_process";
import { createRequire } from "node:module";
import { promisify } from "node:util";
import autocannon from "autocannon";
import { parseWrk, type RunResult } from "./report.ts";

/** One timed run: where, how long, how many connections kept busy at once. */
export interface LoadOptions {
  url: string;
  seconds: number;
  connections: number;
}

/** A load tool the runner can drive. */
export interface LoadTool {
  name: "wrk" | "autocannon";
  /** What to print in the header: the tool and how it is driven. */
  describe(options: Omit<LoadOptions, "url">): string;
  run(options: LoadOptions): Promise<RunResult>;
}

const run = promisify(execFile);

const wrk: LoadTool = {
  name: "wrk",
  describe: ({ seconds, connections }) => `wrk -t1 -c${connections} -d${seconds}s --latency`,
  async run({ url, seconds, connections }) {
    const args = ["-t1", `-c${connections}`, `-d${seconds}s`, "--latency", url];
    const { stdout } = await run("wrk", args, { timeout: (seconds + 30) * 1000 });
    return parseWrk(stdout);
  },
};

const autocannonTool: LoadTool = {
  name: "autocannon",
  describe: ({ seconds, connections }) =>
    `autocannon ${autocannonVersion()} (in-process), ${connections} connections, ${seconds}s`,
  async run({ url, seconds, connections }) {
    const result = await autocannon({ url, connections, duration: seconds });
    return {
      // Total over elapsed time, like wrk: autocannon's per-second average drops partial seconds.
      requestsPerSecond: result.requests.total / result.duration,
      latencyP50Ms: result.latency.p50,
      errors: result.errors + result.timeouts + result.non2xx,
    };
  },
};

function autocannonVersion(): string {
  const manifest: { version: string } = createRequire(import.meta.url)("autocannon/package.json");
  return manifest.version;
}

/** True when `wrk` can be started from the PATH. */
export function hasWrk(): boolean {
  // wrk has no --version: "-v" prints its version (and usage) and exits non-zero.
  return spawnSync("wrk", ["-v"], { stdio: "ignore" }).error === undefined;
}

/**
 * wrk when it is on the PATH, else autocannon; `preferred` forces one.
 * @example chooseLoadTool("autocannon").name // "autocannon"
 */
export function chooseLoadTool(preferred?: "wrk" | "autocannon"): LoadTool {
  if (preferred === "autocannon") return autocannonTool;
  if (preferred === "wrk" && !hasWrk())
    throw new Error("--tool wrk was asked for, but wrk is not on the PATH");
  return preferred === "wrk" || hasWrk() ? wrk : autocannonTool;
}
