/**
 * The benchmark's settings: flags first, then BENCH_* environment variables, then defaults.
 *
 * The defaults keep one whole run under two minutes: 3 servers x (2 s of
 * warm-up + 5 runs x 5 s) is about 81 s of load.
 *
 * @example
 * readOptions(["--duration", "3", "--runs", "3"], {});
 * // { seconds: 3, runs: 3, connections: 50, warmupSeconds: 2, tool: undefined, profile: false }
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
}

/** The text `--help` prints. */
export const USAGE = `npm run bench -- [options]

  --duration SECONDS     each timed run (default 5, env BENCH_DURATION)
  --runs N               timed runs per server, at least 3 (default 5, env BENCH_RUNS)
  --connections N        open connections kept busy (default 50, env BENCH_CONNECTIONS)
  --warmup SECONDS       uncounted load before the first run (default 2, env BENCH_WARMUP)
  --tool wrk|autocannon  the load tool (default: wrk when installed, env BENCH_TOOL)
  --profile              profile the servers with node --cpu-prof and print the top functions
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
