/**
 * The learner's operations, through `npm run learn` as a learner types them: solution,
 * reset, catch-up and restore, each verdict, and round trips that lose nothing.
 */
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { FixtureRepo } from "../../fixtures/fixture-repo.ts";
import { git, makeFixtureRepo, projectRoot } from "../../fixtures/fixture-repo.ts";
import { runLearn } from "../../support/learn.ts";

let repo: FixtureRepo;

afterEach(async () => {
  await repo?.remove();
});

/** `npm run learn -- ...args` in the fixture repository, with what it printed. */
function run(...args: string[]) {
  return runLearn(repo.root, ...args);
}

function file(relative: string): string {
  return path.join(repo.root, ...relative.split("/"));
}

function read(relative: string): string {
  return readFileSync(file(relative), "utf8");
}

function write(relative: string, text: string): void {
  writeFileSync(file(relative), text);
}

/** The backup name a command printed in its "To undo" line. */
function backupOf(output: string): string {
  const id = /To undo: npm run learn -- restore (\S+)/.exec(output)?.[1];
  if (id === undefined) throw new Error(`no backup named in:\n${output}`);
  return id;
}

const greet = "starter/01-basics/greet.ts";
const shout = "starter/01-basics/shout.ts";

describe("with git and the reference answers", () => {
  beforeEach(async () => {
    repo = await makeFixtureRepo();
  });

  it("lists the solution's steps by title, then shows step N: where, what out, what in", async () => {
    const overview = await run("solution", "01-shout");
    expect(overview).toMatchObject({ code: 0, errors: "" });
    expect(overview.output).toBe(
      [
        "The reference solution of 01-shout is 2 steps from the starter as shipped:",
        "  1. export a function named shout.",
        "  2. give the word back in capitals.",
        "See one step at a time: npm run learn -- solution 01-shout 1",
        "",
      ].join("\n"),
    );
    expect((await run("solution", "01-shout", "2")).output).toBe(
      [
        "Step 2/2 of 01-shout: give the word back in capitals.",
        "In starter/01-basics/shout.ts, at line 8 of the file as shipped:",
        "+   return word.toUpperCase();",
        "+ }",
        "That was the last step: save, and the test tells you if it passes.",
        "",
      ].join("\n"),
    );
    expect(await run("solution", "01-shout", "3")).toMatchObject({
      code: 1,
      errors: "npm run learn -- solution: the solution of 01-shout has steps 1 to 2, not 3\n",
    });
  });

  it("resets a file as shipped, keeps every version it replaced, and restores one", async () => {
    const shipped = read(greet);
    write(greet, "// my first try\n");
    const first = await run("reset", "01-greet");
    expect(first.code).toBe(0);
    expect(first.output).toMatch(/^✓ Put back as shipped: starter\/01-basics\/greet\.ts\n/);
    expect(read(greet)).toBe(shipped);
    write(greet, "// my second try\n");
    const second = await run("reset", "01-greet");
    const [one, two] = [backupOf(first.output), backupOf(second.output)];
    expect(one).not.toBe(two);
    expect(read(`data/learn-backups/${one}/${greet}`)).toBe("// my first try\n");
    expect(read(`data/learn-backups/${two}/${greet}`)).toBe("// my second try\n");
    expect(await run("reset", "01-greet")).toMatchObject({
      code: 0,
      output: "Nothing to do: starter/01-basics/greet.ts is as shipped.\n",
    });
    const restored = await run("restore", one);
    expect(restored.output).toContain("✓ Put back from the backup: starter/01-basics/greet.ts");
    expect(read(greet)).toBe("// my first try\n");
    // Restoring kept what it replaced too: undoing the undo is one more restore.
    expect(read(`data/learn-backups/${backupOf(restored.output)}/${greet}`)).toBe(shipped);
  });

  it("catches up: the reference for earlier exercises that fail, solved work left alone, nothing lost", async () => {
    const mine = `${read("solutions/01-basics/greet.ts")}// solved my way\n`;
    write(greet, mine);
    write(shout, "export function shout(word: string): string {\n  return word;\n}\n");
    const halfDone = read(shout);
    const caught = await run("catch-up", "02-count");
    expect(caught.code).toBe(0);
    expect(caught.output).toContain("  ✓ 01-greet: solved, left as you wrote it\n");
    expect(caught.output).toContain(
      "  → 01-shout: starter/01-basics/shout.ts is the reference now; its test passes now\n",
    );
    expect(caught.output).toContain("You are caught up: go on with 02-count (npm run learn).");
    expect(read(greet)).toBe(mine);
    expect(read(shout)).toBe(read("solutions/01-basics/shout.ts"));
    const backup = backupOf(caught.output);
    expect(readdirSync(file(`data/learn-backups/${backup}/starter/01-basics`))).toEqual([
      "shout.ts",
    ]);
    expect(await run("catch-up", "02-count")).toMatchObject({
      output: "Every exercise before 02-count is solved: nothing to catch up.\n",
    });
    await run("restore", backup);
    expect(read(shout)).toBe(halfDone);
    expect(read(greet)).toBe(mine);
  });

  it("says there is no such backup, naming the latest", async () => {
    expect(await run("restore", "yesterday")).toMatchObject({
      code: 1,
      errors:
        'npm run learn -- restore: there is no backup "yesterday" in data/learn-backups/ (there are none yet)\n',
    });
  });

  it("keeps its backups where git, tsc and the linter never look", async () => {
    write(greet, "// mine\n");
    const id = backupOf((await run("reset", "01-greet")).output);
    expect(existsSync(file(`data/learn-backups/${id}/backup.json`))).toBe(true);
    // This project's own settings: git ignores data/, tsc does not include it, Biome follows git.
    const backup = `data/learn-backups/${id}/${greet}`;
    expect(() => git(projectRoot, "check-ignore", "--quiet", backup)).not.toThrow();
    const tsconfig = JSON.parse(readFileSync(path.join(projectRoot, "tsconfig.json"), "utf8"));
    expect(tsconfig.include).not.toContain("data");
    const biome = JSON.parse(readFileSync(path.join(projectRoot, "biome.json"), "utf8"));
    expect(biome.vcs).toMatchObject({ enabled: true, useIgnoreFile: true });
  });
});

describe("without git", () => {
  beforeEach(async () => {
    repo = await makeFixtureRepo({ commit: false });
  });

  it("resets nothing and says why", async () => {
    write(greet, "// mine\n");
    expect(await run("reset", "01-greet")).toMatchObject({
      code: 1,
      errors:
        "npm run learn -- reset: this copy is not a git clone, so the starter as shipped is unknown: " +
        "nothing was changed. (A copy from git, git clone URL, keeps it.)\n",
    });
    expect(read(greet)).toBe("// mine\n");
    expect(existsSync(file("data"))).toBe(false);
  });
});

describe("without the reference answers", () => {
  beforeEach(async () => {
    repo = await makeFixtureRepo();
    rmSync(file("solutions"), { recursive: true });
  });

  it("says so for solution and catch-up, in one sentence, and changes nothing", async () => {
    const missing = "the reference answers are not in this copy (there is no solutions/ folder)\n";
    expect(await run("solution", "01-shout")).toMatchObject({
      code: 1,
      output: "",
      errors: `npm run learn -- solution: ${missing}`,
    });
    expect(await run("catch-up", "02-count")).toMatchObject({
      code: 1,
      errors: `npm run learn -- catch-up: ${missing}`,
    });
    expect(existsSync(file("data"))).toBe(false);
  });
});
