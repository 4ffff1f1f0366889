import { describe, expect, it } from "vitest";
import {
  checkHeaders,
  findHeader,
  HOP_BY_HOP,
  hasNoBody,
  parseStatus,
} from "../../gateway/response-checks.ts";
import type { Headers } from "../../gateway/types.ts";

describe("parseStatus", () => {
  it("splits a status into its code and reason", () => {
    expect(parseStatus("404 Not Found")).toEqual({ code: 404, reason: "Not Found" });
    expect(parseStatus("299 ")).toEqual({ code: 299, reason: "" });
  });

  it.each([
    ["200", "no space and reason"],
    ["20 OK", "two digits"],
    ["099 Low", "a code below 100"],
    ["200 OK\r\nX-Evil: 1", "a CR LF"],
    ["200 OK\n", "a LF"],
    ["200 Smile \u263a", "a character past latin-1"],
  ])("refuses %j (%s)", (status) => {
    expect(() => parseStatus(status)).toThrow(/invalid status/);
  });

  it("refuses a status that is not a string", () => {
    expect(() => parseStatus(200)).toThrow(TypeError);
  });
});

describe("checkHeaders", () => {
  it("accepts tokens for names and latin-1 text with tabs for values", () => {
    expect(() =>
      checkHeaders([
        ["X-Thing_1", "caf\u00e9\tok"],
        ["Content-Length", "0"],
      ]),
    ).not.toThrow();
  });

  it.each<[string, Headers]>([
    ["a space in a name", [["X Bad", "1"]]],
    ["a colon in a name", [["X-Bad:", "1"]]],
    ["an empty name", [["", "1"]]],
    ["a CR in a value", [["X-A", "1\r"]]],
    ["a LF in a value", [["X-A", "1\nX-B: 2"]]],
    ["a NUL in a value", [["X-A", "\u0000"]]],
    ["a value that is not a string", [["X-A", 1 as never]]],
    ["a pair that is not an array", ["X-A: 1" as never]],
  ])("refuses %s", (_what, headers) => {
    expect(() => checkHeaders(headers)).toThrow(TypeError);
  });

  it("refuses every hop-by-hop header, in any case", () => {
    for (const name of HOP_BY_HOP) {
      expect(() => checkHeaders([[name.toUpperCase(), "x"]])).toThrow(/hop-by-hop/);
    }
  });

  it("returns the Content-Length the headers declare, if any", () => {
    expect(checkHeaders([["content-length", "42"]])).toBe(42);
    expect(checkHeaders([["Content-Type", "text/plain"]])).toBeUndefined();
  });

  it("refuses a Content-Length that is not one whole number", () => {
    expect(() => checkHeaders([["Content-Length", "12abc"]])).toThrow(/whole number/);
    expect(() =>
      checkHeaders([
        ["Content-Length", "1"],
        ["content-length", "1"],
      ]),
    ).toThrow(/once/);
  });

  it("refuses headers that are not an array", () => {
    expect(() => checkHeaders({} as never)).toThrow(/array of \[name, value\] pairs/);
  });
});

describe("findHeader and hasNoBody", () => {
  it("finds the first header of a name, in any case", () => {
    expect(
      findHeader(
        [
          ["Link", "a"],
          ["LINK", "b"],
        ],
        "link",
      ),
    ).toBe("a");
    expect(findHeader([], "link")).toBeUndefined();
  });

  it("knows which statuses never carry a body", () => {
    expect([101, 204, 304].map(hasNoBody)).toEqual([true, true, true]);
    expect([200, 404, 500].map(hasNoBody)).toEqual([false, false, false]);
  });
});
