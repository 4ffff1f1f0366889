import { describe, expect, it } from "vitest";
import { parseHttpDate } from "../../../gateway/kit/http-date.ts";

const NOV_6_1994 = Date.UTC(1994, 10, 6, 8, 49, 37);

describe("parseHttpDate", () => {
  it("reads the preferred IMF-fixdate form", () => {
    expect(parseHttpDate("Sun, 06 Nov 1994 08:49:37 GMT")).toBe(NOV_6_1994);
  });

  it("reads the obsolete RFC 850 and asctime forms that recipients must still accept", () => {
    expect(parseHttpDate("Sunday, 06-Nov-94 08:49:37 GMT")).toBe(NOV_6_1994);
    expect(parseHttpDate("Sun Nov  6 08:49:37 1994")).toBe(NOV_6_1994);
  });

  it.each([
    ["a bare year", "2030"],
    ["an ISO date", "1994-11-06T08:49:37Z"],
    ["a date in local time", "Sun, 06 Nov 1994 08:49:37"],
    ["a day that does not exist", "Tue, 31 Feb 2026 08:49:37 GMT"],
    ["nothing", ""],
  ])("refuses %s", (_what, text) => {
    expect(parseHttpDate(text)).toBeUndefined();
  });
});
