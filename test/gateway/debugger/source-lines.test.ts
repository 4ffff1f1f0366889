import { execFile } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { beforeAll, describe, expect, it } from "vitest";
import { lineOf } from "./apps.ts";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");
const script = path.join("test", "gateway", "debugger", "tsx-report.ts");
const file = "test/gateway/debugger/apps.ts";

interface Found {
  frames: Array<{ function: string; file: string; line: number; kind: string; locals: string[] }>;
  console: { ok: boolean; text: string };
}

describe("under tsx, as the demo runs", () => {
  let found: Record<string, Found>;

  beforeAll(async () => {
    const { stdout } = await promisify(execFile)(process.execPath, ["--import", "tsx", script], {
      cwd: root,
    });
    found = JSON.parse(stdout) as Record<string, Found>;
  });

  it("maps frames to their .ts lines through the inline source maps", () => {
    expect(found.syncThrow?.frames[0]).toMatchObject({
      function: "checkOrder",
      file,
      line: lineOf("sync-throw"),
    });
    expect(found.typeError?.frames[0]).toMatchObject({
      function: "typeError",
      file,
      line: lineOf("type-error"),
    });
    expect(found.asyncThrow?.frames[0]).toMatchObject({
      function: "loadThenFail",
      line: lineOf("async-throw"),
    });
    expect(found.asyncThrow?.frames[1]).toMatchObject({
      function: "asyncThrow",
      kind: "async",
      file,
    });
  });

  it("shows a local under its .ts name when esbuild renamed it", () => {
    expect(found.shadows?.frames[0]?.line).toBe(lineOf("shadow-throw"));
    expect(found.shadows?.frames[0]?.locals).toEqual(["syncThrow"]);
  });

  it("lets the console read the frame's locals and its module's top-level names", () => {
    expect(found.shadows?.console).toEqual({ ok: true, text: '["string", "function"]' });
    expect(found.syncThrow?.console).toEqual({ ok: true, text: '["function", "function"]' });
  });
});
