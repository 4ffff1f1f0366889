import { describe, expect, it } from "vitest";
import {
  formatTable,
  median,
  parseDuration,
  parseWrk,
  type RunResult,
  ratioBetween,
  summarize,
  verdict,
  verdictLines,
} from "../../bench/report.ts";

// Captured from `wrk -t1 -c50 -d2s --latency` (Debian's wrk 4.1.0) on this kind of machine.
const WRK_OUTPUT = `Running 2s test @ http://127.0.0.1:39801/
  1 threads and 50 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency     3.65ms    8.33ms 138.22ms   96.29%
    Req/Sec    20.38k     8.42k   37.62k    75.00%
  Latency Distribution
     50%    2.04ms
     75%    2.97ms
     90%    5.75ms
     99%   44.21ms
  40612 requests in 2.01s, 6.86MB read
Requests/sec:  20210.75
Transfer/sec:      3.41MB
`;

const WRK_WITH_ERRORS = WRK_OUTPUT.replace("     50%    2.04ms", "     50%  530.00us").replace(
  "Requests/sec",
  "  Socket errors: connect 0, read 12, write 1, timeout 3\n  Non-2xx or 3xx responses: 5\nRequests/sec",
);

const run = (requestsPerSecond: number, latencyP50Ms = 1, errors = 0): RunResult => ({
  requestsPerSecond,
  latencyP50Ms,
  errors,
});

describe("parseWrk", () => {
  it("reads Requests/sec and the median latency in milliseconds", () => {
    expect(parseWrk(WRK_OUTPUT)).toEqual({
      requestsPerSecond: 20210.75,
      latencyP50Ms: 2.04,
      errors: 0,
    });
  });

  it("counts socket errors and non-2xx answers as errors", () => {
    const result = parseWrk(WRK_WITH_ERRORS);
    expect(result.errors).toBe(12 + 1 + 3 + 5);
    expect(result.latencyP50Ms).toBeCloseTo(0.53);
  });

  it("says what is missing when the output has no latency distribution", () => {
    const withoutLatency = WRK_OUTPUT.replace(/ {2}Latency Distribution[\s\S]*?99%.*\n/, "");
    expect(() => parseWrk(withoutLatency)).toThrow(/--latency/);
  });
});

describe("parseDuration", () => {
  it("converts wrk's units to milliseconds", () => {
    expect(parseDuration("250.00us")).toBeCloseTo(0.25);
    expect(parseDuration("2.04ms")).toBe(2.04);
    expect(parseDuration("1.50s")).toBe(1500);
  });

  it("refuses text that is not a duration", () => {
    expect(() => parseDuration("fast")).toThrow(/not a wrk duration/);
  });
});

describe("median", () => {
  it("takes the middle of an odd count, ignoring one spoiled run", () => {
    expect(median([80_000, 12_000, 79_000])).toBe(79_000);
  });

  it("takes the mean of the two middle values of an even count", () => {
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });

  it("refuses an empty list", () => {
    expect(() => median([])).toThrow();
  });
});

describe("summarize", () => {
  const rows = summarize({
    raw: [run(80_000, 0.5), run(70_000, 0.7), run(90_000, 0.4)],
    gateway: [run(72_000, 0.6, 1), run(60_000, 0.8), run(76_000, 0.5)],
    express: [run(14_000, 3), run(13_000, 3.5), run(15_000, 2.8)],
  });

  it("keeps the servers in order, with medians of req/s and p50 latency", () => {
    expect(rows.map((row) => [row.server, row.requestsPerSecond, row.latencyP50Ms])).toEqual([
      ["raw", 80_000, 0.5],
      ["gateway", 72_000, 0.6],
      ["express", 14_000, 3],
    ]);
  });

  it("takes the median of each round's ratio to the first server", () => {
    // gateway: 0.9, 0.857..., 0.844...; express: 0.175, 0.1857..., 0.1666...
    expect(rows.map((row) => row.ratioToBaseline.toFixed(4))).toEqual([
      "1.0000",
      "0.8571",
      "0.1750",
    ]);
  });

  it("is not fooled by a round in which the whole machine was slow", () => {
    const [, gateway] = summarize({
      raw: [run(80_000), run(40_000), run(82_000)],
      gateway: [run(72_000), run(36_000), run(41_000)],
    });
    // The medians alone would say 41,000 / 80,000 = 0.51x; two rounds of three say 0.9x.
    expect(gateway?.ratioToBaseline).toBeCloseTo(0.9);
  });

  it("adds up the errors of every run", () => {
    expect(rows[1]?.errors).toBe(1);
  });

  it("prints a table with one line per server", () => {
    const lines = formatTable(rows).split("\n");
    expect(lines[0]).toMatch(/^server\s+median req\/s\s+median p50\s+x raw/);
    expect(lines[3]).toMatch(/^gateway\s+72,000\s+0\.60 ms\s+0\.86x\s+3\s+1$/);
  });

  it("ends with both ratios and the verdict", () => {
    const lines = verdictLines(rows, 0.85);
    expect(lines[0]).toContain("gateway / raw     = 0.86x");
    expect(lines[1]).toContain("raw / express     = 5.71x");
    expect(lines.at(-1)).toMatch(
      /^PASS: the gateway server ran at 0\.86x raw node:http \(>= 0\.85x\)/,
    );
  });
});

describe("the cost of tracing", () => {
  it("is traced against the gateway server, round by round", () => {
    const runs = {
      raw: [run(80_000), run(80_000), run(80_000)],
      gateway: [run(72_000), run(36_000), run(72_000)],
      traced: [run(36_000), run(27_000), run(54_000)],
    };
    // Rounds: 0.5, 0.75, 0.75.
    expect(ratioBetween(runs, "traced", "gateway")).toBeCloseTo(0.75);
    const lines = verdictLines(summarize(runs), 0.85, 0.75);
    expect(lines[1]).toMatch(/^traced \/ gateway {2}= 0\.75x/);
  });
});

describe("verdict", () => {
  it("passes at the target and above", () => {
    expect(verdict(0.85, 0.85)).toBe("PASS");
    expect(verdict(1.02, 0.85)).toBe("PASS");
  });

  it("misses below the target, and when there is nothing to compare", () => {
    expect(verdict(0.84, 0.85)).toBe("MISS");
    expect(verdict(Number.NaN, 0.85)).toBe("MISS");
  });
});
