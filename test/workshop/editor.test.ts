import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { describe, expect, it } from "vitest";
import { configuredEditor, openInEditor, vscodeUrl } from "../../workshop/editor.ts";

describe("the VS Code link", () => {
  it("opens the file at a line, on any system", () => {
    expect(vscodeUrl("/home/me/work shop/starter/a.ts", 7)).toBe(
      "vscode://file/home/me/work%20shop/starter/a.ts:7",
    );
  });
});

describe("the learner's editor", () => {
  it("is VISUAL, else EDITOR, split into a program and its arguments", () => {
    expect(configuredEditor({ EDITOR: "code -w" })).toEqual({
      program: "code",
      args: ["-w"],
      name: "code",
      windowed: true,
    });
    expect(configuredEditor({ VISUAL: "subl", EDITOR: "vim" })?.program).toBe("subl");
    expect(configuredEditor({ EDITOR: '"C:\\Program Files\\Ed\\ed it.exe" --new' })?.program).toBe(
      "C:\\Program Files\\Ed\\ed it.exe",
    );
    expect(configuredEditor({})).toBeUndefined();
  });

  it("is one that needs a terminal when it is vim, nano or emacs -nw", () => {
    expect(configuredEditor({ EDITOR: "vim" })?.windowed).toBe(false);
    expect(configuredEditor({ EDITOR: "nano" })?.windowed).toBe(false);
    expect(configuredEditor({ EDITOR: "emacs -nw" })?.windowed).toBe(false);
    expect(configuredEditor({ EDITOR: "emacs" })?.windowed).toBe(true);
  });

  it("gets the file as one argument, without a shell reading it", async () => {
    const folder = mkdtempSync(path.join(tmpdir(), "editor-"));
    const record = path.join(folder, "args.json");
    // Written aside, then renamed: the record appears whole, or not at all.
    const script = `const fs = require("fs");
      fs.writeFileSync(${JSON.stringify(`${record}.part`)}, JSON.stringify(process.argv.slice(1)));
      fs.renameSync(${JSON.stringify(`${record}.part`)}, ${JSON.stringify(record)});`;
    const editor = {
      program: process.execPath,
      args: ["-e", script],
      name: "node",
      windowed: true,
    };
    const file = path.join(folder, "a; touch pwned $(id).ts");
    try {
      await openInEditor(editor, file);
      // The editor runs on its own, detached: wait for what it leaves.
      while (!existsSync(record)) await sleep(20);
      expect(readFileSync(record, "utf8")).toBe(JSON.stringify([file]));
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });

  it("says so when the editor cannot start", async () => {
    const editor = { program: "no-such-editor-here", args: [], name: "x", windowed: true };
    await expect(openInEditor(editor, "a.ts")).rejects.toThrow(
      "no-such-editor-here could not start",
    );
  });
});
