/**
 * `npm run bench`: hello world on raw `node:http`, the gateway server (with
 * tracing off, and on), and Express 5.
 *
 * Each server runs in its own process, started once, shown answering once,
 * and warmed up. Then the timed runs alternate between the servers (raw,
 * gateway, express, raw, ...) so that a burst of other work on the machine
 * spreads over all three instead of spoiling one; the table reports medians.
 * The verdict compares the gateway server with raw `node:http` against the
 * target in `report.ts`. A benchmark reports: it exits 0 on PASS and on
 * MISS, and non-zero only when it could not measure.
 *
 * @example
 * // npm run bench -- --duration 5 --runs 3 --connections 50
 */
import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { chooseLoadTool, type LoadTool } from "./load.ts";
import { type BenchOptions, readOptions, USAGE } from "./options.ts";
import { type CpuProfile, formatProfile, summarizeProfile } from "./profile.ts";
import {
  formatTable,
  type RunResult,
  ratioBetween,
  summarize,
  TARGET,
  verdictLines,
} from "./report.ts";
import { sampleResponse } from "./sample-response.ts";
import { type ServerProcess, startServer } from "./server-process.ts";

/** Raw first: it is the baseline the ratios divide by. */
const SERVERS = ["raw", "gateway", "traced", "express"] as const;

function printHeader(options: BenchOptions, tool: LoadTool): void {
  const cpus = os.cpus();
  const seconds = SERVERS.length * (options.warmupSeconds + options.runs * options.seconds);
  console.log(
    "Hello world: raw node:http vs the gateway server (tracing off, and on: traced) vs Express 5, on 127.0.0.1",
  );
  console.log(
    `machine:   ${cpus.length} cores (${cpus[0]?.model.trim() ?? "unknown"}), ${os.platform()} ${os.release()}`,
  );
  console.log(`node:      ${process.version}`);
  console.log(`load tool: ${tool.describe(options)}`);
  console.log(
    `plan:      ${options.warmupSeconds}s warm-up each, then ${options.runs} alternating runs each (~${seconds}s)`,
  );
  console.log(
    `load avg:  ${loadAverage()} (other work on the machine makes every number noisier)\n`,
  );
}

function loadAverage(): string {
  // Windows has no load average: os.loadavg() gives zeros there.
  if (os.platform() === "win32") return "n/a";
  return os
    .loadavg()
    .map((value) => value.toFixed(2))
    .join(" ");
}

async function printSamples(servers: ServerProcess[]): Promise<void> {
  console.log("One response from each (same body, a Content-Type, a Content-Length):");
  for (const server of servers) {
    const text = await sampleResponse(server.url);
    console.log(`\n--- ${server.name} (${server.url})\n${text}`);
  }
  console.log("");
}

async function measure(servers: ServerProcess[], tool: LoadTool, options: BenchOptions) {
  const { connections } = options;
  for (const server of servers) {
    await tool.run({ url: server.url, seconds: options.warmupSeconds, connections });
  }
  const runs: Record<string, RunResult[]> = Object.fromEntries(
    servers.map((server) => [server.name, []]),
  );
  for (let round = 1; round <= options.runs; round++) {
    for (const server of servers) {
      const result = await tool.run({ url: server.url, seconds: options.seconds, connections });
      runs[server.name]?.push(result);
      console.log(`run ${round}/${options.runs}  ${progress(server.name, result)}`);
    }
  }
  return runs;
}

function progress(name: string, result: RunResult): string {
  const rate = Math.round(result.requestsPerSecond).toLocaleString("en-US").padStart(8);
  const errors = result.errors > 0 ? `  (${result.errors} errors)` : "";
  return `${name.padEnd(8)} ${rate} req/s  p50 ${result.latencyP50Ms.toFixed(2)} ms${errors}`;
}

function printResults(runs: Record<string, RunResult[]>): void {
  const rows = summarize(runs);
  console.log(`\n${formatTable(rows)}\n`);
  if (rows.some((row) => row.errors > 0)) {
    console.log(
      "WARNING: some requests failed (see the errors column): those numbers are not comparable.\n",
    );
  }
  console.log(`load avg after: ${loadAverage()}\n`);
  // The verdict comes last, where the eye lands.
  const tracedShare = ratioBetween(runs, "traced", "gateway");
  for (const line of verdictLines(rows, TARGET, tracedShare)) console.log(line);
}

/**
 * Each server writes one profile per thread: the main thread, which serves,
 * and tsx's loader thread, busy only at start-up. The busiest is the one to read.
 */
function printProfiles(profileDir: string): void {
  for (const name of SERVERS) {
    const dir = path.join(profileDir, name);
    const profiles = readdirSync(dir)
      .filter((entry) => entry.endsWith(".cpuprofile"))
      .map((entry) => {
        const profile: CpuProfile = JSON.parse(readFileSync(path.join(dir, entry), "utf8"));
        return { file: path.join(dir, entry), summary: summarizeProfile(profile, process.cwd()) };
      })
      .sort((a, b) => b.summary.busySamples - a.summary.busySamples);
    const busiest = profiles[0];
    if (busiest === undefined) continue;
    console.log(`\n=== ${name}: ${busiest.file}`);
    console.log(formatProfile(busiest.summary));
  }
}

async function main(): Promise<void> {
  if (process.argv.includes("--help")) return console.log(USAGE);
  const options = readOptions(process.argv.slice(2), process.env);
  const tool = chooseLoadTool(options.tool);
  const profileDir = options.profile
    ? mkdtempSync(path.join(os.tmpdir(), "bench-profile-"))
    : undefined;
  const nodeFlags = (name: string) =>
    profileDir ? ["--cpu-prof", "--cpu-prof-dir", path.join(profileDir, name)] : [];
  printHeader(options, tool);
  const servers: ServerProcess[] = [];
  try {
    for (const name of SERVERS) servers.push(await startServer(name, nodeFlags(name)));
    await printSamples(servers);
    printResults(await measure(servers, tool, options));
  } finally {
    // Stopped before reading profiles: node writes a profile as the process exits.
    await Promise.all(servers.map((server) => server.stop()));
  }
  if (profileDir) printProfiles(profileDir);
}

try {
  await main();
} catch (error) {
  console.error(`npm run bench: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
}
