import { describe, expect, it } from "vitest";
import { parseRange } from "../../../gateway/kit/byte-ranges.ts";

describe("parseRange", () => {
  it.each([
    ["bytes=0-99", { kind: "part", start: 0, end: 99 }],
    ["bytes=100-", { kind: "part", start: 100, end: 999 }],
    ["bytes=-100", { kind: "part", start: 900, end: 999 }],
    ["bytes=990-5000", { kind: "part", start: 990, end: 999 }],
    ["bytes=-5000", { kind: "part", start: 0, end: 999 }],
    ["BYTES=\t1-2 ", { kind: "part", start: 1, end: 2 }],
  ])("reads %j of a 1000-byte file as one part", (header, answer) => {
    expect(parseRange(header, 1000)).toEqual(answer);
  });

  it.each(["bytes=1000-", "bytes=1000-1001", "bytes=-0", `bytes=${"9".repeat(400)}-`])(
    "finds %j unsatisfiable for a 1000-byte file",
    (header) => {
      expect(parseRange(header, 1000)).toEqual({ kind: "unsatisfiable" });
    },
  );

  it("finds every range of an empty file unsatisfiable", () => {
    expect(parseRange("bytes=0-", 0)).toEqual({ kind: "unsatisfiable" });
    expect(parseRange("bytes=-1", 0)).toEqual({ kind: "unsatisfiable" });
  });

  it.each([
    undefined,
    "",
    "bytes=",
    "bytes=-",
    "bytes=5-1",
    "bytes=0-1,3-4",
    "lines=0-1",
    "bytes=a-b",
  ])("sends the whole file for %j", (header) => {
    expect(parseRange(header, 1000)).toEqual({ kind: "whole" });
  });
});
