import { describe, expect, it } from "vitest";
import { chooseCoding } from "../../../gateway/kit/accept-encoding.ts";

describe("chooseCoding", () => {
  it.each([
    ["gzip, deflate, br, zstd", "br"],
    ["gzip, br", "br"],
    ["gzip", "gzip"],
    ["x-gzip", "gzip"],
    ["GZIP;Q=1", "gzip"],
    ["br;q=0.5, gzip", "gzip"],
    ["br;q=0.8, gzip;q=0.9", "gzip"],
    ["br;q=0, gzip", "gzip"],
    ["br;q=0, *", "gzip"],
    ["*", "br"],
    ["*;q=0.5, gzip;q=0.4", "br"],
    ["deflate, br ; q=0.1", "br"],
    ["gzip;q=1.0, identity;q=0.5", "gzip"],
    ["identity;q=0, gzip;q=0.1", "gzip"],
    ["*;q=0, gzip;q=0.1", "gzip"],
  ])("picks from %j the coding %s", (header, coding) => {
    expect(chooseCoding(header, ["br", "gzip"])).toBe(coding);
  });

  it.each([
    [undefined, "no Accept-Encoding"],
    ["", "an empty header"],
    ["identity", "identity alone"],
    ["deflate, zstd", "only codings it cannot make"],
    ["br;q=0, gzip;q=0", "every coding refused"],
    ["*;q=0", "everything refused"],
    ["gzip;q=0.5, identity", "identity ranked higher"],
    ["gzip;q=2", "a weight out of range"],
    ["gzip;q=nope", "a weight that is not a number"],
    ["identity;q=0", "identity refused but no coding accepted: as it is is all there is"],
  ])("sends it as it is for %j (%s)", (header, _why) => {
    expect(chooseCoding(header, ["br", "gzip"])).toBeUndefined();
  });

  it("lets the server's order break a tie", () => {
    expect(chooseCoding("br, gzip", ["gzip", "br"])).toBe("gzip");
  });

  it("counts the first mention of a coding", () => {
    expect(chooseCoding("gzip;q=0, gzip", ["gzip"])).toBeUndefined();
  });
});
