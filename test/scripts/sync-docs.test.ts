import { execFile } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import { projectRoot } from "../fixtures/fixture-repo.ts";

const run = promisify(execFile);
const script = path.join(projectRoot, "scripts", "sync-docs.ts");
const copies: string[] = [];

/** A fresh copy of the docs fixture, with the paths the tests edit. */
function copyFixture() {
  const root = mkdtempSync(path.join(tmpdir(), "sync-docs-"));
  copies.push(root);
  cpSync(path.join(projectRoot, "test", "fixtures", "docs"), root, { recursive: true });
  const lesson = path.join(root, "lessons", "01-demo");
  return { root, readme: path.join(lesson, "README.md"), app: path.join(lesson, "demo", "app.ts") };
}

function edit(file: string, change: (text: string) => string): void {
  writeFileSync(file, change(readFileSync(file, "utf8")));
}

async function syncDocs(root: string, ...args: string[]) {
  try {
    const { stdout, stderr } = await run(
      process.execPath,
      ["--import", "tsx", script, "--root", root, ...args],
      { cwd: projectRoot },
    );
    return { code: 0, stdout, stderr };
  } catch (error) {
    const { code, stdout, stderr } = error as { code: number; stdout: string; stderr: string };
    return { code, stdout, stderr };
  }
}

afterAll(() => {
  for (const root of copies) rmSync(root, { recursive: true, force: true });
});

// Each run starts Node and tsx: the two stories run side by side, in their own copies.
describe.concurrent("npm run docs", () => {
  it("fails --check on a drifted block, naming the README line and the fix; rewrites it; then --check passes", async () => {
    const { root, readme, app } = copyFixture();
    edit(app, (text) => text.replace("Hello", "Goodbye"));
    const drifted = await syncDocs(root, "--check");
    expect(drifted.code).toBe(1);
    expect(drifted.stderr).toContain(
      "lessons/01-demo/README.md:5: the block of demo/app.ts#greeting differs from its source; run npm run docs",
    );
    const fixed = await syncDocs(root);
    expect(fixed.code).toBe(0);
    expect(fixed.stdout).toContain("lessons/01-demo/README.md: 1 block(s) updated");
    expect(readFileSync(readme, "utf8")).toContain("const text = `Goodbye, ");
    expect(await syncDocs(root, "--check")).toMatchObject({ code: 0, stderr: "" });
  });

  it("fails in both modes on a reference to a missing region", async () => {
    const { root, app } = copyFixture();
    edit(app, (text) => text.replaceAll("#region greeting", "#region renamed"));
    const results = await Promise.all([syncDocs(root, "--check"), syncDocs(root)]);
    for (const result of results) {
      expect(result.code).toBe(1);
      expect(result.stderr).toContain(
        'lessons/01-demo/README.md:5: <!-- code: demo/app.ts#greeting --> cannot be filled: demo/app.ts has no region "greeting"',
      );
    }
  });
});
