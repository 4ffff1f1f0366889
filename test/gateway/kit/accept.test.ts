import { describe, expect, it } from "vitest";
import { mediaQuality } from "../../../gateway/kit/accept.ts";

const BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";

describe("mediaQuality", () => {
  it.each([
    [BROWSER, "text/html", 1],
    [BROWSER, "application/xml", 0.9],
    [BROWSER, "application/json", 0.8],
    ["application/json", "application/json", 1],
    ["application/json", "text/html", 0],
    ["", "text/html", 0],
    ["text/*;q=0.3, text/html;q=0.7", "text/html", 0.7],
    ["text/*;q=0.3, text/html;q=0.7", "text/plain", 0.3],
    ["text/html;q=0, */*", "text/html", 0],
    ["TEXT/HTML", "text/html", 1],
    ["text/html; q = 0.5", "text/html", 0.5],
    ["text/html;q=oops", "text/html", 0],
    ["text/html;q=7", "text/html", 1],
    ["text/html;level=1;q=0.4", "text/html", 0.4],
  ])("weighs %j for %s as %d", (accept, type, q) => {
    expect(mediaQuality(accept, type)).toBe(q);
  });
});
