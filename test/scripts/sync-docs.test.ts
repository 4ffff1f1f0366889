import { execFile } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { projectRoot } from "../fixtures/fixture-repo.ts";

const run = promisify(execFile);
const script = path.join(projectRoot, "scripts", "sync-docs.ts");

let root: string;
let readme: string;
let app: string;

async function syncDocs(...args: string[]) {
  try {
    const { stdout, stderr } = await run(
      process.execPath,
      ["--import", "tsx", script, "--root", root, ...args],
      {
        cwd: projectRoot,
      },
    );
    return { code: 0, stdout, stderr };
  } catch (error) {
    const { code, stdout, stderr } = error as { code: number; stdout: string; stderr: string };
    return { code, stdout, stderr };
  }
}

beforeEach(() => {
  root = mkdtempSync(path.join(tmpdir(), "sync-docs-"));
  cpSync(path.join(projectRoot, "test", "fixtures", "docs"), root, { recursive: true });
  readme = path.join(root, "lessons", "01-demo", "README.md");
  app = path.join(root, "lessons", "01-demo", "demo", "app.ts");
});

afterEach(() => rmSync(root, { recursive: true, force: true }));

describe("npm run docs", () => {
  it("passes --check when every block matches its source", async () => {
    const result = await syncDocs("--check");
    expect(result).toMatchObject({ code: 0, stderr: "" });
  }, 20_000);

  it("fails --check on a block that drifted, naming the README line and the fix", async () => {
    writeFileSync(app, readFileSync(app, "utf8").replace("Hello", "Goodbye"));
    const result = await syncDocs("--check");
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      "lessons/01-demo/README.md:5: the block of demo/app.ts#greeting differs from its source; run npm run docs",
    );
  }, 20_000);

  it("rewrites the drifted block, after which --check passes", async () => {
    writeFileSync(app, readFileSync(app, "utf8").replace("Hello", "Goodbye"));
    const fixed = await syncDocs();
    expect(fixed.code).toBe(0);
    expect(fixed.stdout).toContain("lessons/01-demo/README.md: 1 block(s) updated");
    expect(readFileSync(readme, "utf8")).toContain("const text = `Goodbye, ");
    expect((await syncDocs("--check")).code).toBe(0);
  }, 20_000);

  it("fails in both modes on a reference to a missing region", async () => {
    writeFileSync(app, readFileSync(app, "utf8").replaceAll("#region greeting", "#region renamed"));
    for (const args of [["--check"], []]) {
      const result = await syncDocs(...args);
      expect(result.code).toBe(1);
      expect(result.stderr).toContain(
        'lessons/01-demo/README.md:5: <!-- code: demo/app.ts#greeting --> cannot be filled: demo/app.ts has no region "greeting"',
      );
    }
  }, 20_000);
});
