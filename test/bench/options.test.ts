import { describe, expect, it } from "vitest";
import { readOptions } from "../../bench/options.ts";

describe("readOptions", () => {
  it("defaults to five 5-second runs with 50 connections", () => {
    expect(readOptions([], {})).toEqual({
      seconds: 5,
      runs: 5,
      connections: 50,
      warmupSeconds: 2,
      tool: undefined,
      profile: false,
      only: [],
    });
  });

  it("takes the comparisons to run as a comma-separated list", () => {
    expect(readOptions(["--only", "fastcgi,fetch-page"], {}).only).toEqual([
      "fastcgi",
      "fetch-page",
    ]);
    expect(readOptions([], { BENCH_ONLY: "hello" }).only).toEqual(["hello"]);
  });

  it("takes flags over BENCH_* variables", () => {
    const options = readOptions(["--duration", "3", "--tool", "autocannon"], {
      BENCH_DURATION: "9",
      BENCH_CONNECTIONS: "20",
    });
    expect(options).toMatchObject({ seconds: 3, connections: 20, tool: "autocannon" });
  });

  it("refuses fewer than three runs, since a median of fewer means little", () => {
    expect(() => readOptions(["--runs", "2"], {})).toThrow(
      '--runs must be a whole number of at least 3, not "2"',
    );
  });

  it("refuses an unknown load tool", () => {
    expect(() => readOptions([], { BENCH_TOOL: "ab" })).toThrow(/wrk or autocannon/);
  });
});
