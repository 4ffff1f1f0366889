/**
 * The benchmark's settings: flags first, then BENCH_* environment variables, then defaults.
 *
 * With the defaults each server gets 2 s of warm-up and 5 runs of 5 s:
 * 27 s of load per server, about 7 minutes for the 16 servers of all six
 * comparisons (`--only` picks fewer).
 *
 * @example
 * readOptions(["--duration", "3", "--runs", "3"], {});
 * // { seconds: 3, runs: 3, connections: 50, warmupSeconds: 2, tool: undefined, profile: false, only: [] }
 */
import { parseArgs } from "node:util";

/** How long, how hard and how often to measure. */
export interface BenchOptions {
  /** Seconds per timed run. */
  seconds: number;
  /** Timed runs per server; a median needs at least 3. */
  runs: number;
  connections: number;
  /** Seconds of load each server gets, uncounted, before the first timed run. */
  warmupSeconds: number;
  /** The load tool; undefined picks wrk when installed, else autocannon. */
  tool: "wrk" | "autocannon" | undefined;
  /** Runs the servers under `node --cpu-prof` and prints where their time went. */
  profile: boolean;
  /** The comparisons to run, by name or family ("fastcgi"); empty runs them all. */
  only: string[];
}

/** The text `--help` prints. */
export const USAGE = `npm run bench -- [options]

  --duration SECONDS     each timed run (default 5, env BENCH_DURATION)
  --runs N               timed runs per server, at least 3 (default 5, env BENCH_RUNS)
  --connections N        open connections kept busy (default 50, env BENCH_CONNECTIONS)
  --warmup SECONDS       uncounted load before the first run (default 2, env BENCH_WARMUP)
  --tool wrk|autocannon  the load tool (default: wrk when installed, env BENCH_TOOL)
  --profile              profile the servers with node --cpu-prof and print the top functions
  --only NAMES           only these comparisons, e.g. fastcgi,fetch (default: all, env BENCH_ONLY);
                         names: hello, fastcgi-nginx, fastcgi-nginx-keepalive, fastcgi-apache,
                         fetch-hello, fetch-page; a family (fastcgi, fetch) names all of its rows
  --help                 this text`;

/**
 * Reads the settings; throws an Error whose message says which value is wrong.
 * @example readOptions(["--runs", "7"], { BENCH_DURATION: "3" }).seconds // 3
 */
export function readOptions(argv: string[], env: Record<string, string | undefined>): BenchOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      duration: { type: "string" },
      runs: { type: "string" },
      connections: { type: "string" },
      warmup: { type: "string" },
      tool: { type: "string" },
      profile: { type: "boolean", default: false },
      only: { type: "string" },
    },
  });
  return {
    seconds: positiveInteger("--duration", values.duration ?? env.BENCH_DURATION ?? "5", 1),
    runs: positiveInteger("--runs", values.runs ?? env.BENCH_RUNS ?? "5", 3),
    connections: positiveInteger(
      "--connections",
      values.connections ?? env.BENCH_CONNECTIONS ?? "50",
      1,
    ),
    warmupSeconds: positiveInteger("--warmup", values.warmup ?? env.BENCH_WARMUP ?? "2", 1),
    tool: loadTool(values.tool ?? env.BENCH_TOOL),
    profile: values.profile,
    only: (values.only ?? env.BENCH_ONLY ?? "").split(",").filter((name) => name !== ""),
  };
}

function positiveInteger(flag: string, text: string, least: number): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < least) {
    throw new Error(`${flag} must be a whole number of at least ${least}, not "${text}"`);
  }
  return value;
}

function loadTool(text: string | undefined): BenchOptions["tool"] {
  if (text === undefined || text === "wrk" || text === "autocannon") return text;
  throw new Error(`--tool must be wrk or autocannon, not "${text}"`);
}
