import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Watcher } from "../../../workshop/learn/file-watch.ts";
import { watchTree } from "../../../workshop/learn/file-watch.ts";

let tree: string;
let watcher: Watcher | undefined;

beforeEach(() => {
  tree = mkdtempSync(path.join(tmpdir(), "watch-tree-"));
  mkdirSync(path.join(tree, "05-lesson", "deep"), { recursive: true });
  writeFileSync(path.join(tree, "05-lesson", "deep", "file.ts"), "one");
});

afterEach(() => {
  watcher?.close();
  rmSync(tree, { recursive: true, force: true });
});

/**
 * Saves the files in bursts (each twice), 60 ms apart, until the watcher
 * reports (a watcher may start a moment after it is created); returns the first report.
 */
function firstReport(options: { poll?: boolean; files?: string[] }): Promise<string[]> {
  const files = options.files ?? ["05-lesson/deep/file.ts"];
  let version = 0;
  return new Promise((resolve) => {
    const saves = setInterval(() => {
      for (const file of [...files, ...files]) writeFileSync(path.join(tree, file), `${version++}`);
    }, 60);
    watcher = watchTree(
      tree,
      (files) => {
        clearInterval(saves);
        resolve(files);
      },
      { debounceMs: 10, pollIntervalMs: 10, ...(options.poll && { poll: true }) },
    );
  });
}

describe("watchTree", () => {
  it("reports a save deep inside the tree, relative with /", async () => {
    expect(await firstReport({})).toEqual(["05-lesson/deep/file.ts"]);
  });

  it("reports the same by polling, the fallback where the system cannot watch", async () => {
    expect(await firstReport({ poll: true })).toEqual(["05-lesson/deep/file.ts"]);
  });

  it("gathers a burst of saves into one report that names each file once", async () => {
    const files = ["05-lesson/deep/file.ts", "05-lesson/other.ts"];
    expect((await firstReport({ files })).sort()).toEqual(files);
  });
});
