import path from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { type CpuProfile, formatProfile, summarizeProfile } from "../../bench/profile.ts";

// Real paths under the working directory, so the test reads the same on Windows.
const root = process.cwd();
const file = (name: string) => pathToFileURL(path.join(root, "gateway", name)).href;
const shown = (name: string) => path.join("gateway", name);

// (root) -> (idle) 50 samples
//        -> handle 2 -> runCycle 3 -> writeHead 4
//                                  -> runCycle (recursive) 1
const PROFILE: CpuProfile = {
  nodes: [
    {
      id: 1,
      callFrame: { functionName: "(root)", url: "", lineNumber: -1 },
      hitCount: 0,
      children: [2, 3],
    },
    { id: 2, callFrame: { functionName: "(idle)", url: "", lineNumber: -1 }, hitCount: 50 },
    {
      id: 3,
      callFrame: { functionName: "handle", url: file("http-server.ts"), lineNumber: 9 },
      hitCount: 2,
      children: [4],
    },
    {
      id: 4,
      callFrame: { functionName: "runCycle", url: file("response-cycle.ts"), lineNumber: 0 },
      hitCount: 3,
      children: [5, 6],
    },
    {
      id: 5,
      callFrame: { functionName: "writeHead", url: "node:_http_server", lineNumber: 99 },
      hitCount: 4,
    },
    {
      id: 6,
      callFrame: { functionName: "runCycle", url: file("response-cycle.ts"), lineNumber: 0 },
      hitCount: 1,
    },
  ],
};

describe("summarizeProfile", () => {
  const summary = summarizeProfile(PROFILE, root);
  const find = (name: string) => summary.functions.find((fn) => fn.where.startsWith(name));

  it("leaves idle samples out of the busy time", () => {
    expect(summary.busySamples).toBe(10);
  });

  it("gives self and total shares, with files relative to the root, and lines only where they mean something", () => {
    expect(find("writeHead")).toEqual({
      where: "writeHead (node:_http_server:100)",
      self: 0.4,
      total: 0.4,
    });
    expect(find("handle")).toEqual({
      where: `handle (${shown("http-server.ts")})`,
      self: 0.2,
      total: 1,
    });
  });

  it("counts a recursive function's samples once in its total", () => {
    expect(find("runCycle")).toMatchObject({ self: 0.4, total: 0.8 });
  });

  it("lists the project's own functions by total time", () => {
    const text = formatProfile(summary, { top: 3 });
    const own = text.split("by total time (self + what they call):\n")[1] ?? "";
    expect(own.split("\n")).toEqual([
      `   20.0% self  100.0% total  handle (${shown("http-server.ts")})`,
      `   40.0% self   80.0% total  runCycle (${shown("response-cycle.ts")})`,
    ]);
  });

  it("leaves out the own-code list when no function is in it", () => {
    const text = formatProfile(summary, { ownCode: `express${path.sep}` });
    expect(text).not.toContain("by total time");
  });
});
