/**
 * `npm run bench`: the gateway's servers and bridges against their peers.
 *
 * Each comparison (`comparisons.ts`) starts its servers, each in its own
 * process (a FastCGI server with a private nginx or Apache in front),
 * shows one response from each, and warms each up. Then the timed runs
 * alternate between them (baseline, gateway, baseline, ...) so that a
 * burst of other work on the machine spreads over all of them instead of
 * spoiling one. Each run reads the CPU time the measured process used
 * (`cpu-time.ts`), so the table gives CPU per request beside req/s; the
 * ratios are medians of the rounds' ratios. The verdicts compare against
 * the targets in `comparisons.ts`. A benchmark reports: it exits 0 on PASS
 * and on MISS, and non-zero only when it could not measure. A comparison
 * whose web server is not installed is skipped, with a message.
 *
 * @example
 * // npm run bench -- --duration 5 --runs 5 --only fastcgi,fetch
 */
import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { COMPARISONS, type Comparison, type Contender, pick } from "./comparisons.ts";
import { cpuSeconds } from "./cpu-time.ts";
import { startFront, whyNot } from "./fastcgi/web-servers.ts";
import { chooseLoadTool, type LoadTool } from "./load.ts";
import { type BenchOptions, readOptions, USAGE } from "./options.ts";
import { type CpuProfile, formatProfile, summarizeProfile } from "./profile.ts";
import { formatTable, gateLine, type RunResult, sideLine, summarize } from "./report.ts";
import { sampleResponse } from "./sample-response.ts";
import { startServer } from "./server-process.ts";

/** A contender that is up: where the load goes, and whose CPU is counted. */
interface Running {
  name: string;
  url: string;
  /** The process whose CPU is counted: the server, not the web server in front of it. */
  pid: number;
  stop(): Promise<void>;
}

function printHeader(options: BenchOptions, tool: LoadTool, comparisons: Comparison[]): void {
  const cpus = os.cpus();
  const servers = comparisons.reduce((sum, each) => sum + each.contenders.length, 0);
  const seconds = servers * (options.warmupSeconds + options.runs * options.seconds);
  console.log("The gateway's servers and bridges against their peers, on 127.0.0.1");
  console.log(
    `machine:   ${cpus.length} cores (${cpus[0]?.model.trim() ?? "unknown"}), ${os.platform()} ${os.release()}`,
  );
  console.log(`node:      ${process.version}`);
  console.log(`load tool: ${tool.describe(options)}`);
  console.log(`compares:  ${comparisons.map((each) => each.name).join(", ")}`);
  console.log(
    `plan:      ${options.warmupSeconds}s warm-up each, then ${options.runs} alternating runs each (~${seconds}s of load)`,
  );
  console.log(`load avg:  ${loadAverage()} (other work on the machine makes every number noisier)`);
}

function loadAverage(): string {
  // Windows has no load average: os.loadavg() gives zeros there.
  if (os.platform() === "win32") return "n/a";
  return os
    .loadavg()
    .map((value) => value.toFixed(2))
    .join(" ");
}

/** Starts a contender: its server, and the web server in front of it if it has one. */
async function start(contender: Contender, nodeFlags: string[]): Promise<Running> {
  const server = await startServer(contender.server, nodeFlags);
  if (contender.front === undefined) return { ...server, name: contender.name };
  try {
    const front = await startFront(contender.front, server.url);
    const stop = async () => {
      await front.stop();
      await server.stop();
    };
    return { name: contender.name, url: front.url, pid: server.pid, stop };
  } catch (error) {
    await server.stop();
    throw error;
  }
}

async function printSamples(servers: Running[], urlPath: string): Promise<void> {
  console.log("One response from each (same body, a Content-Type, a Content-Length):");
  for (const server of servers) {
    const text = await sampleResponse(server.url + urlPath);
    console.log(`\n--- ${server.name} (${server.url}${urlPath})\n${text}`);
  }
  console.log("");
}

/** One timed run, with the CPU time the server's process used meanwhile. */
async function timedRun(server: Running, url: string, tool: LoadTool, options: BenchOptions) {
  const before = cpuSeconds(server.pid);
  const result: RunResult = await tool.run({
    url,
    seconds: options.seconds,
    connections: options.connections,
  });
  const after = cpuSeconds(server.pid);
  if (before !== undefined && after !== undefined) result.cpuSeconds = after - before;
  return result;
}

async function measure(servers: Running[], urlPath: string, tool: LoadTool, options: BenchOptions) {
  const { connections } = options;
  for (const server of servers) {
    await tool.run({ url: server.url + urlPath, seconds: options.warmupSeconds, connections });
  }
  const runs: Record<string, RunResult[]> = Object.fromEntries(
    servers.map((server) => [server.name, []]),
  );
  for (let round = 1; round <= options.runs; round++) {
    for (const server of servers) {
      const result = await timedRun(server, server.url + urlPath, tool, options);
      runs[server.name]?.push(result);
      console.log(`run ${round}/${options.runs}  ${progress(server.name, result)}`);
    }
  }
  return runs;
}

function progress(name: string, result: RunResult): string {
  const rate = Math.round(result.requestsPerSecond).toLocaleString("en-US").padStart(8);
  const cpu =
    result.cpuSeconds === undefined || !result.requests
      ? ""
      : `  CPU ${((result.cpuSeconds / result.requests) * 1e6).toFixed(1)} µs/request`;
  const errors = result.errors > 0 ? `  (${result.errors} errors)` : "";
  return `${name.padEnd(8)} ${rate} req/s  p50 ${result.latencyP50Ms.toFixed(2)} ms${cpu}${errors}`;
}

/** Prints the table and returns the verdict line. */
function printResults(comparison: Comparison, runs: Record<string, RunResult[]>): string {
  const rows = summarize(runs);
  console.log(`\n${formatTable(rows)}\n`);
  if (rows.some((row) => row.errors > 0)) {
    console.log(
      "WARNING: some requests failed (see the errors column): those numbers are not comparable.\n",
    );
  }
  for (const side of comparison.sideRatios ?? []) console.log(sideLine(runs, side));
  const line = `${comparison.name}: ${gateLine(rows, comparison.gate)}`;
  console.log(line);
  return line;
}

/**
 * Each server writes one profile per thread: the main thread, which serves,
 * and tsx's loader thread, busy only at start-up. The busiest is the one to read.
 */
function printProfiles(profileDir: string, comparison: Comparison): void {
  for (const { name } of comparison.contenders) {
    const dir = path.join(profileDir, comparison.name, name);
    const profiles = readdirSync(dir)
      .filter((entry) => entry.endsWith(".cpuprofile"))
      .map((entry) => {
        const profile: CpuProfile = JSON.parse(readFileSync(path.join(dir, entry), "utf8"));
        return { file: path.join(dir, entry), summary: summarizeProfile(profile, process.cwd()) };
      })
      .sort((a, b) => b.summary.busySamples - a.summary.busySamples);
    const busiest = profiles[0];
    if (busiest === undefined) continue;
    console.log(`\n=== ${comparison.name} ${name}: ${busiest.file}`);
    console.log(formatProfile(busiest.summary));
  }
}

/** Runs one comparison and returns its verdict line. */
async function compare(
  comparison: Comparison,
  tool: LoadTool,
  options: BenchOptions,
  profileDir: string | undefined,
): Promise<string> {
  console.log(`\n=== ${comparison.name}: ${comparison.title}`);
  const missing = comparison.contenders
    .map((each) => each.front && whyNot(each.front))
    .find((reason) => reason !== undefined);
  if (missing !== undefined) {
    const line = `${comparison.name}: SKIPPED: ${missing}; install it to measure this row`;
    console.log(line);
    return line;
  }
  const nodeFlags = (name: string) =>
    profileDir
      ? ["--cpu-prof", "--cpu-prof-dir", path.join(profileDir, comparison.name, name)]
      : [];
  const servers: Running[] = [];
  let line: string;
  try {
    for (const contender of comparison.contenders) {
      servers.push(await start(contender, nodeFlags(contender.name)));
    }
    await printSamples(servers, comparison.path);
    line = printResults(comparison, await measure(servers, comparison.path, tool, options));
  } finally {
    // Stopped before reading profiles: node writes a profile as the process exits.
    await Promise.all(servers.map((server) => server.stop()));
  }
  if (profileDir) printProfiles(profileDir, comparison);
  return line;
}

async function main(): Promise<void> {
  if (process.argv.includes("--help")) return console.log(USAGE);
  const options = readOptions(process.argv.slice(2), process.env);
  const comparisons = pick(COMPARISONS, options.only);
  const tool = chooseLoadTool(options.tool);
  const profileDir = options.profile
    ? mkdtempSync(path.join(os.tmpdir(), "bench-profile-"))
    : undefined;
  printHeader(options, tool, comparisons);
  const verdicts: string[] = [];
  for (const comparison of comparisons) {
    verdicts.push(await compare(comparison, tool, options, profileDir));
  }
  // The verdicts come last, where the eye lands.
  console.log(`\nload avg after: ${loadAverage()}\n`);
  for (const line of verdicts) console.log(line);
}

try {
  await main();
} catch (error) {
  console.error(`npm run bench: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
}
