import { describe, expect, it } from "vitest";
import { COMPARISONS, pick } from "../../bench/comparisons.ts";
import { parseStat } from "../../bench/cpu-time.ts";

describe("pick", () => {
  it("runs every comparison when none is named", () => {
    expect(pick(COMPARISONS, [])).toBe(COMPARISONS);
  });

  it("takes a row by its name alone, even when another row's name begins with it", () => {
    expect(pick(COMPARISONS, ["fastcgi-nginx"]).map((each) => each.name)).toEqual([
      "fastcgi-nginx",
    ]);
  });

  it("takes a family by the part before its dash, and a row by its name", () => {
    expect(pick(COMPARISONS, ["fastcgi", "fetch-page"]).map((each) => each.name)).toEqual([
      "fastcgi-nginx",
      "fastcgi-nginx-keepalive",
      "fastcgi-apache",
      "fetch-page",
    ]);
  });

  it("names the comparisons there are when asked for one that is not", () => {
    expect(() => pick(COMPARISONS, ["fcgi"])).toThrow(/no such comparison \(there are hello, /);
  });
});

describe("parseStat", () => {
  it("adds up user and system ticks, after a command name with spaces and parentheses", () => {
    const stat = "4242 (node (x) y) S 1 4242 4242 0 -1 4194304 2166 0 0 0 250 31 0 0 20 0 7 0";
    expect(parseStat(stat)).toBe(281);
  });
});
