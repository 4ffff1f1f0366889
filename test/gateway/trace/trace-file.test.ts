import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { encode } from "../../../gateway/bytes.ts";
import { TestClient } from "../../../gateway/test-client.ts";
import type { TraceData } from "../../../gateway/trace/events.ts";
import { snapshotPage } from "../../../gateway/trace/routes.ts";
import { startTracing, stopTracing, writeFinishedTraces } from "../../../gateway/trace/tracer.ts";
import type { App } from "../../../gateway/types.ts";

const folders: string[] = [];

afterEach(() => {
  stopTracing();
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

// What an exercise page needs (issue 15): run the exercise's tests with
// GATEWAY_TRACE_FILE set, read the traces back, and show them.
describe("traces of a test run", () => {
  it("are written to a file, one line of JSON per finished request, and shown as a page", async () => {
    const folder = mkdtempSync(path.join(tmpdir(), "traces-"));
    folders.push(folder);
    const file = path.join(folder, "traces.jsonl");
    writeFinishedTraces(startTracing(), file);
    const withHeader: App = (_environ, startResponse) => {
      startResponse("200 OK", [
        ["Content-Type", "text/plain"],
        ["X-Powered-By", "gateway"],
      ]);
      return [encode("hi")];
    };
    const client = new TestClient(withHeader); // as an exercise test makes it
    await client.get("/one");
    await client.get("/two");
    const traces: TraceData[] = readFileSync(file, "utf8")
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line));
    expect(traces.map((trace) => trace.uri)).toEqual(["/one", "/two"]);
    expect(traces[0]?.lanes.map((lane) => lane.name)).toEqual([
      "server",
      "validator",
      "withHeader",
    ]);
    const page = String(snapshotPage("05-add-header", traces));
    expect(page).toContain("<title>Trace · 05-add-header</title>");
    expect(page).toContain("withHeader");
  });
});
