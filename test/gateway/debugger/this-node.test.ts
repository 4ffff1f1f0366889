/**
 * The debugger on the Node running these tests. CI runs them on Node 20, 22
 * and 24, and what the debugger relies on changed between those (a variable
 * not yet initialized became unreadable, error.stack became an accessor:
 * capture.ts and report.ts say how). Together they left lesson 10 with no
 * frames on Node 22 and 24 while every test on Node 20 passed. So this file
 * says, in one place and by the version's name, whether capture works here.
 */
import { describe, expect, it } from "vitest";
import { asyncThrow, deadZone, debugged, lineOf } from "./apps.ts";

const node = `Node ${process.version}`;
const broken = `${node}: the interactive debugger captured no frames, so lesson 10 shows no frames, locals or console on this Node`;

interface FrameJson {
  function: string;
  file: string;
  line: number;
  kind: string;
  locals: Record<string, string> | null;
}

/** Fails `app` once under the debugger, and reads its report and frame 0's console with the secret. */
async function failOnce(app: Parameters<typeof debugged>[0]) {
  const { client, secret } = debugged(app);
  await client.get("/");
  const headers = { Accept: "application/json", "X-Debugger-Secret": secret };
  const report = (await client.get("/__debugger__/errors/1", { headers })).json() as {
    frames: FrameJson[];
  };
  const console = await client.post("/__debugger__/errors/1/frames/0/console", {
    headers,
    json: { expression: "typeof note" },
  });
  return { frames: report.frames, console: console.json() };
}

describe(`the interactive debugger on ${node}`, () => {
  it("captures the throwing frame and its callers, at their .ts lines, with their locals", async () => {
    const { frames, console } = await failOnce(deadZone);
    const live = frames.filter((frame) => frame.kind === "live" && frame.locals !== null);
    expect(live.length, broken).toBeGreaterThan(0);
    expect(frames[0], `${node}: the throwing frame, at its .ts line`).toMatchObject({
      function: "addUp",
      file: "test/gateway/debugger/apps.ts",
      line: lineOf("dead-zone-throw"),
    });
    const caller = frames.find((frame) => frame.function === "deadZone");
    expect(caller?.locals, `${node}: the caller's locals`).toHaveProperty("note");
    expect(console, `${node}: the console in the throwing frame`).toEqual({
      ok: true,
      text: '"string"',
    });
  });

  it("captures the frames since an await, and lists the callers that waited", async () => {
    const { frames } = await failOnce(asyncThrow);
    expect(frames[0], broken).toMatchObject({ function: "loadThenFail", kind: "live" });
    expect(
      frames.map((frame) => `${frame.function} ${frame.kind}`),
      `${node}: the callers waiting at the await, read from error.stack`,
    ).toContain("asyncThrow async");
  });
});
