import { describe, expect, it } from "vitest";
import { encode } from "../../../gateway/bytes.ts";
import { takeCapture } from "../../../gateway/debugger/capture.ts";
import { interactiveDebugger } from "../../../gateway/debugger/index.ts";
import { makeReport } from "../../../gateway/debugger/report.ts";
import { TestClient } from "../../../gateway/test-client.ts";
import type { App, Chunk } from "../../../gateway/types.ts";
import {
  asyncThrow,
  deadZone,
  debugged,
  failsAfterWrite,
  failsBeforeFirstChunk,
  failsMidStream,
  Greeter,
  handledError,
  handledRedirect,
  lineOf,
  localValues,
  rethrows,
  reusesAnError,
  syncThrow,
  typeError,
} from "./apps.ts";

const thisFile = "test/gateway/debugger/apps.ts";
const nodeMajor = Number(process.versions.node.split(".")[0]);
const asJson = { Accept: "application/json" };

interface FrameJson {
  function: string;
  file: string;
  line: number;
  app: boolean;
  kind: string;
  source: { firstLine: number; lines: string[] } | null;
  locals: Record<string, string> | null;
}

interface ReportJson {
  id: number;
  name: string;
  message: string;
  notes: string[];
  localsHidden: string | null;
  frames: FrameJson[];
}

/** Fails a request, then reads its report as JSON with the secret. */
async function failAndRead(app: Parameters<typeof debugged>[0], path = "/") {
  const { client, secret } = debugged(app);
  const failed = await client.get(path, { headers: asJson });
  const id = (failed.json() as ReportJson).id;
  const headers = { ...asJson, "X-Debugger-Secret": secret };
  const report = (await client.get(`/__debugger__/errors/${id}`, { headers })).json() as ReportJson;
  return { failed, report, client, secret };
}

describe("capture of a synchronous throw", () => {
  it("answers 500 with the debugger's report, naming the error", async () => {
    const { failed, report } = await failAndRead(syncThrow, "/orders");
    expect(failed.statusCode).toBe(500);
    expect(report.name).toBe("RangeError");
    expect(report.message).toBe("order 7 at /orders is over the limit");
  });

  it("shows the throwing frame first, at its .ts line, with the line in its source", async () => {
    const { report } = await failAndRead(syncThrow);
    const [top] = report.frames;
    expect(top).toMatchObject({
      function: "checkOrder",
      file: thisFile,
      line: lineOf("sync-throw"),
      kind: "live",
      app: true,
    });
    const source = top?.source;
    expect(source?.lines[lineOf("sync-throw") - (source?.firstLine ?? 0)]).toContain(
      "throw new RangeError",
    );
  });

  it("keeps the locals of every frame of your code, the caller's too", async () => {
    const { report } = await failAndRead(syncThrow);
    const [checkOrder, app] = report.frames;
    const [orderToken, limitNote] = localValues.slice(-2);
    expect(checkOrder?.locals?.limit).toContain(limitNote);
    expect(checkOrder?.locals?.order).toContain(orderToken);
    expect(app?.function).toBe("syncThrow");
    expect(app?.locals?.order).toContain(orderToken);
  });

  it("keeps a caller whose `const` waits for the throwing call, as this Node shows that `const`", async () => {
    const { report, client, secret } = await failAndRead(deadZone);
    const index = report.frames.findIndex((frame) => frame.function === "deadZone");
    expect(report.frames[index]?.locals?.note).toContain(localValues.at(-1));
    // Node 20 reads a variable in its dead zone as undefined; Node 22 and later do not give it (capture.ts).
    const unreadable = nodeMajor >= 22;
    expect(report.frames[index]?.locals?.total).toBe(
      unreadable ? "<value unavailable>" : "undefined",
    );
    const console = await client.post(`/__debugger__/errors/${report.id}/frames/${index}/console`, {
      headers: { "X-Debugger-Secret": secret },
      json: { expression: "total" },
    });
    expect(console.json()).toEqual(
      unreadable
        ? { ok: false, text: "[ReferenceError: Cannot access 'total' before initialization]" }
        : { ok: true, text: "undefined" },
    );
  });

  it("folds library frames, and copies no locals for them", async () => {
    const { report } = await failAndRead(syncThrow);
    const gatewayFrames = report.frames.filter((frame) => frame.file.startsWith("gateway/"));
    expect(gatewayFrames.length).toBeGreaterThan(0);
    for (const frame of gatewayFrames) expect(frame).toMatchObject({ app: false, locals: null });
  });

  it("shows `this` of a method's frame", async () => {
    const { report } = await failAndRead(new Greeter("Hello").app);
    expect(report.frames[0]?.line).toBe(lineOf("method-throw"));
    expect(report.frames[0]?.locals?.this).toContain('greeting: "Hello"');
  });

  it("maps a TypeError from undefined to its .ts line", async () => {
    const { report } = await failAndRead(typeError);
    expect(report.name).toBe("TypeError");
    expect(report.frames[0]).toMatchObject({ function: "typeError", line: lineOf("type-error") });
    expect(report.frames[0]?.locals?.settings).toBe("{ theme: {} }");
  });

  it("keeps the frames of the first throw when the error is rethrown", async () => {
    const { report } = await failAndRead(rethrows);
    expect(report.frames[0]).toMatchObject({ function: "checkOrder", line: lineOf("sync-throw") });
  });
});

describe("capture of a throw after an await", () => {
  it("has live frames from the await on, with their locals", async () => {
    const { report } = await failAndRead(asyncThrow);
    const [top] = report.frames;
    expect(top).toMatchObject({
      function: "loadThenFail",
      line: lineOf("async-throw"),
      kind: "live",
    });
    const [, before, later] = localValues.slice(-3);
    expect(top?.locals?.before).toContain(before);
    expect(top?.locals?.after).toContain(later);
  });

  it("lists the callers that were waiting as async frames without locals, and says why", async () => {
    const { report } = await failAndRead(asyncThrow);
    const caller = report.frames.find((frame) => frame.function === "asyncThrow");
    expect(caller).toMatchObject({ kind: "async", app: true, locals: null, file: thisFile });
    expect(report.notes.join(" ")).toContain("thrown after an await");
  });
});

describe("errors raised while the body is produced", () => {
  it("answers with the report when the body fails before its first chunk", async () => {
    const { failed, report } = await failAndRead(failsBeforeFirstChunk);
    expect(failed.statusCode).toBe(500);
    expect(report.frames[0]).toMatchObject({ line: lineOf("before-first-chunk"), kind: "live" });
    expect(report.frames[0]?.locals?.step).toContain(localValues.at(-1));
  });

  it("cuts the connection when the body fails mid-stream, and keeps the report at its URL", async () => {
    const { client, secret } = debugged(failsMidStream);
    const failed = await client.get("/");
    expect(failed.statusCode).toBe(200);
    expect(failed.aborted).toBe(true);
    expect(failed.text).toBe("first part\n");
    const url =
      /Debugger: error (\d+), after the headers went out \(connection cut\): \S+(\/__debugger__\/errors\/\d+)/.exec(
        failed.errors,
      );
    expect(url, failed.errors).not.toBeNull();
    const headers = { ...asJson, "X-Debugger-Secret": secret };
    const report = (await client.get(url?.[2] ?? "", { headers })).json() as ReportJson;
    expect(report.frames[0]).toMatchObject({ line: lineOf("mid-stream"), kind: "live" });
    expect(report.frames[0]?.locals?.row).toContain(localValues.at(-1));
  });

  it("cuts the connection when bytes went out through write() before the error", async () => {
    const { client } = debugged(failsAfterWrite);
    const failed = await client.get("/");
    expect(failed.aborted).toBe(true);
    expect(failed.errors).toContain("after the headers went out");
  });
});

describe("errors that never reach the debugger", () => {
  it("never shows a redirect thrown and answered inside the app", async () => {
    const { client, secret } = debugged(handledRedirect);
    const response = await client.get("/");
    expect(response.statusCode).toBe(303);
    const stored = await client.get("/__debugger__/errors/1", {
      headers: { "X-Debugger-Secret": secret },
    });
    expect(stored.statusCode).toBe(404);
  });

  it("never shows an error the app caught itself", async () => {
    const { client } = debugged(handledError);
    expect((await client.get("/")).text).toBe("fine\n");
    expect((await client.get("/__debugger__/errors/1")).statusCode).toBe(404);
  });

  it("never shows an earlier request's frames for an error object thrown again", async () => {
    const { client, secret } = debugged(reusesAnError);
    await client.get("/handled");
    const headers = { ...asJson, "X-Debugger-Secret": secret };
    const report = (await client.get("/", { headers })).json() as ReportJson;
    expect(report.frames[0]).toMatchObject({ line: lineOf("shared-throw"), kind: "live" });
    expect(report.frames[0]?.locals?.failedHere).toContain(localValues.at(-1));
    expect(report.frames[0]?.locals).not.toHaveProperty("handledHere");
  });
});

describe("an error the debugger did not see thrown", () => {
  it("still gets a report, and a note that says why it has no locals", async () => {
    const throwsText: App = () => {
      throw "just text";
    };
    const { failed, report } = await failAndRead(throwsText);
    expect(failed.statusCode).toBe(500);
    expect(report).toMatchObject({ name: "Thrown value", message: '"just text"', frames: [] });
    expect(report.notes.join(" ")).toContain("did not see this error thrown");
  });

  it("lists the frames of its error.stack, which Node 22 and later keep behind V8's own getter", () => {
    const error = new Error("never thrown");
    const report = makeReport(error, undefined, new TestClient(syncThrow).environ("GET", "/", {}));
    expect(report.stack).toContain("Error: never thrown");
    expect(report.frames[0]).toMatchObject({ kind: "stack", locals: undefined });
    expect(report.frames[0]?.file).toMatch(/capture\.test\.ts$/);
  });
});

describe("pausing", () => {
  it("pauses on throws only while a debugged request runs", async () => {
    let captureInside: unknown;
    const catchesItsOwn: App = (_environ, startResponse) => {
      try {
        throw new Error("inside a request");
      } catch (error) {
        captureInside = takeCapture(error);
      }
      startResponse("200 OK", [["Content-Type", "text/plain"]]);
      return [encode("ok")];
    };
    await debugged(catchesItsOwn).client.get("/");
    expect(captureInside, "a throw inside a debugged request is captured").toBeDefined();
    let outside: unknown;
    try {
      throw new Error("outside any request");
    } catch (error) {
      outside = error;
    }
    expect(takeCapture(outside), "a throw outside requests is not").toBeUndefined();
  });

  it("stops pausing when a body is dropped before its first step", async () => {
    const lazy: App = async function* (_environ, startResponse) {
      startResponse("200 OK", [["Content-Type", "text/plain"]]);
      yield encode("never read");
    };
    const app = interactiveDebugger({ enabled: true, print: () => {} })(lazy);
    const body = await app(new TestClient(app).environ("GET", "/", {}), () => async () => {});
    await (body as AsyncIterable<Chunk>)[Symbol.asyncIterator]().return?.();
    let later: unknown;
    try {
      throw new Error("after the request was dropped");
    } catch (error) {
      later = error;
    }
    expect(takeCapture(later), "pausing is still on").toBeUndefined();
  });
});

describe("when the debugger is not enabled", () => {
  it("returns the app itself, untouched", async () => {
    const { interactiveDebugger } = await import("../../../gateway/debugger/index.ts");
    expect(interactiveDebugger({ enabled: false })(syncThrow)).toBe(syncThrow);
  });
});
