/**
 * The benchmark's arithmetic: reading a load tool's output, medians, ratios, the verdict.
 *
 * Everything here is pure (text in, numbers or text out), so it is tested
 * on its own (`test/bench/report.test.ts`) and the runner in `hello.ts`
 * only starts processes and prints.
 *
 * @example
 * const run = parseWrk(wrkOutput);              // { requestsPerSecond: 81234.5, latencyP50Ms: 0.53, errors: 0 }
 * const rows = summarize({ raw: [run, ...] });  // medians per server
 * console.log(formatTable(rows));
 */

/** What one timed run against one server measured. */
export interface RunResult {
  requestsPerSecond: number;
  /** The median request's latency, in milliseconds. */
  latencyP50Ms: number;
  /** Failed requests: socket errors, timeouts and non-2xx answers. A fair run has none. */
  errors: number;
}

/** One server's line in the table: medians across its runs. */
export interface Summary {
  server: string;
  runs: number;
  requestsPerSecond: number;
  latencyP50Ms: number;
  errors: number;
  /**
   * The median, over the rounds, of this server's req/s divided by the
   * baseline's in the same round (see `summarize` for why per round).
   */
  ratioToBaseline: number;
}

/** The target: the gateway server keeps at least this share of raw `node:http`'s req/s. */
export const TARGET = 0.85;

const UNIT_TO_MS: Record<string, number> = { us: 0.001, ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/**
 * Reads a wrk duration such as "530.00us", "2.04ms" or "1.20s" as milliseconds.
 * @example parseDuration("2.04ms") // 2.04
 */
export function parseDuration(text: string): number {
  const match = /^([\d.]+)(us|ms|s|m|h)$/.exec(text.trim());
  if (!match) throw new Error(`not a wrk duration: "${text}"`);
  return Number(match[1]) * (UNIT_TO_MS[match[2] as string] as number);
}

/**
 * Reads the output of `wrk --latency`: Requests/sec, the 50% latency line,
 * and any socket errors or non-2xx answers (wrk prints those lines only when
 * they are not zero).
 * @example parseWrk(stdout).requestsPerSecond // 81234.5
 */
export function parseWrk(output: string): RunResult {
  const rate = /^Requests\/sec:\s+([\d.]+)/m.exec(output);
  const p50 = /^\s*50%\s+(\S+)/m.exec(output);
  if (!rate || !p50) {
    throw new Error(
      `wrk printed no Requests/sec or 50% latency (was --latency given?):\n${output}`,
    );
  }
  return {
    requestsPerSecond: Number(rate[1]),
    latencyP50Ms: parseDuration(p50[1] as string),
    errors: socketErrors(output) + nonSuccess(output),
  };
}

function socketErrors(output: string): number {
  const line = /^\s*Socket errors:(.*)$/m.exec(output);
  if (!line) return 0;
  return [...(line[1] as string).matchAll(/\d+/g)].reduce((sum, [count]) => sum + Number(count), 0);
}

function nonSuccess(output: string): number {
  const line = /^\s*Non-2xx or 3xx responses:\s+(\d+)/m.exec(output);
  return line ? Number(line[1]) : 0;
}

/**
 * The middle value (the mean of the two middle ones for an even count).
 * A median ignores one run spoiled by a burst of other work on the machine; a mean would not.
 * @example median([3, 1, 100]) // 3
 */
export function median(values: number[]): number {
  if (values.length === 0) throw new Error("the median of no values is undefined");
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  if (sorted.length % 2 === 1) return sorted[middle] as number;
  return ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

/**
 * One summary per server, in the order given; ratios are to the first server (the baseline).
 *
 * Each ratio compares runs of the same round, which ran one after the
 * other: when the machine slows down for a while (another program, a
 * neighbour on the same host), both runs of a round feel it, and their
 * ratio hardly moves while each server's req/s does. So the ratio is the
 * median of the rounds' ratios, not the ratio of the two medians.
 * @example summarize({ raw: rawRuns, gateway: gatewayRuns })[1].ratioToBaseline // 0.91
 */
export function summarize(runsByServer: Record<string, RunResult[]>): Summary[] {
  const baseline = Object.values(runsByServer)[0] ?? [];
  return Object.entries(runsByServer).map(([server, runs]) => ({
    server,
    runs: runs.length,
    requestsPerSecond: median(runs.map((run) => run.requestsPerSecond)),
    latencyP50Ms: median(runs.map((run) => run.latencyP50Ms)),
    errors: runs.reduce((sum, run) => sum + run.errors, 0),
    ratioToBaseline: median(runs.map((run, round) => roundRatio(run, baseline[round]))),
  }));
}

/**
 * The median, over the rounds, of `server`'s req/s divided by `other`'s in
 * the same round: how two servers that are not the baseline compare.
 * @example ratioBetween(runs, "traced", "gateway"); // 0.6: tracing on keeps 60%
 */
export function ratioBetween(
  runsByServer: Record<string, RunResult[]>,
  server: string,
  other: string,
): number {
  const theirs = runsByServer[other] ?? [];
  return median((runsByServer[server] ?? []).map((run, round) => roundRatio(run, theirs[round])));
}

function roundRatio(run: RunResult, baseline: RunResult | undefined): number {
  return run.requestsPerSecond / (baseline?.requestsPerSecond ?? Number.NaN);
}

/**
 * PASS when `ratio` reaches the target, MISS otherwise.
 * @example verdict(0.9) // "PASS"
 */
export function verdict(ratio: number, target = TARGET): "PASS" | "MISS" {
  return ratio >= target ? "PASS" : "MISS";
}

/**
 * The results as an aligned text table.
 * @example formatTable(summarize(runs)).split("\n")[0] // "server    median req/s  ..."
 */
export function formatTable(rows: Summary[]): string {
  const header = ["server", "median req/s", "median p50", "x raw", "runs", "errors"];
  const cells = rows.map((row) => [
    row.server,
    Math.round(row.requestsPerSecond).toLocaleString("en-US"),
    `${row.latencyP50Ms.toFixed(2)} ms`,
    `${row.ratioToBaseline.toFixed(2)}x`,
    String(row.runs),
    String(row.errors),
  ]);
  const widths = header.map((title, column) =>
    Math.max(title.length, ...cells.map((line) => (line[column] as string).length)),
  );
  // The server name reads best left-aligned; numbers line up on the right.
  const align = (line: string[]) =>
    line
      .map((cell, column) =>
        column === 0
          ? cell.padEnd(widths[column] as number)
          : cell.padStart(widths[column] as number),
      )
      .join("  ");
  return [
    align(header),
    widths.map((width) => "-".repeat(width)).join("  "),
    ...cells.map(align),
  ].join("\n");
}

/**
 * The closing lines: the two ratios the target talks about (and, given
 * `tracedShare`, what tracing costs), and the verdict, hard to miss.
 * @example verdictLines(summaries) // ["gateway / raw     = 0.91x ...", ..., "PASS: ..."]
 */
export function verdictLines(rows: Summary[], target = TARGET, tracedShare?: number): string[] {
  const ratio = (name: string) =>
    rows.find((row) => row.server === name)?.ratioToBaseline ?? Number.NaN;
  const gatewayShare = ratio("gateway");
  const rawOverExpress = 1 / ratio("express");
  const result = verdict(gatewayShare, target);
  const comparison = result === "PASS" ? ">=" : "<";
  const traced =
    tracedShare === undefined
      ? []
      : [
          `traced / gateway  = ${tracedShare.toFixed(2)}x   (tracing on; off, the gateway row, runs no tracer code)`,
        ];
  return [
    `gateway / raw     = ${gatewayShare.toFixed(2)}x   (target: at least ${target.toFixed(2)}x)`,
    ...traced,
    `raw / express     = ${rawOverExpress.toFixed(2)}x`,
    "",
    `${result}: the gateway server ran at ${gatewayShare.toFixed(2)}x raw node:http (${comparison} ${target.toFixed(2)}x).`,
  ];
}
