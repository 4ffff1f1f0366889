import { execFile } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { expect, it } from "vitest";
import { lineOf } from "./apps.ts";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");
const script = path.join("test", "gateway", "debugger", "tsx-report.ts");

interface Top {
  function: string;
  file: string;
  line: number;
  kind: string;
}

it("maps frames to their .ts lines through tsx's inline source maps", {
  timeout: 30_000,
}, async () => {
  const { stdout } = await promisify(execFile)(process.execPath, ["--import", "tsx", script], {
    cwd: root,
  });
  const found = JSON.parse(stdout) as Record<string, Top[]>;
  const file = "test/gateway/debugger/apps.ts";
  expect(found.syncThrow?.[0]).toMatchObject({
    function: "checkOrder",
    file,
    line: lineOf("sync-throw"),
  });
  expect(found.asyncThrow?.[0]).toMatchObject({
    function: "loadThenFail",
    file,
    line: lineOf("async-throw"),
  });
  expect(found.asyncThrow?.[1]).toMatchObject({ function: "asyncThrow", kind: "async" });
  expect(found.typeError?.[0]).toMatchObject({
    function: "typeError",
    file,
    line: lineOf("type-error"),
  });
});
