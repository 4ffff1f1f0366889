import { copyFileSync, readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { usage } from "../../../workshop/learn/commands.ts";
import { findExercise } from "../../../workshop/manifest.ts";
import type { FixtureRepo } from "../../fixtures/fixture-repo.ts";
import { makeFixtureRepo, projectRoot } from "../../fixtures/fixture-repo.ts";
import { runLearn } from "../../support/learn.ts";

let repo: FixtureRepo;

beforeAll(async () => {
  repo = await makeFixtureRepo({ commit: false });
  // One exercise solved, so the list shows both marks and points past it.
  const greet = path.join("01-basics", "greet.ts");
  copyFileSync(path.join(repo.root, "solutions", greet), path.join(repo.root, "starter", greet));
});

afterAll(async () => {
  await repo?.remove();
});

// Each command that runs tests starts a Vitest (about a second): the command line test
// (cli.test.ts) covers a check that fails and the watch mode.
describe("npm run learn -- list", () => {
  it("prints every exercise with its status as its test finishes, then the progress", async () => {
    const { code, output } = await runLearn(repo.root, "list");
    expect(code).toBe(0);
    expect(output).toBe(
      [
        "  ✓ 01-greet  Greet someone by name",
        "> ✗ 01-shout  Shout a word",
        "  ✗ 02-count  Count the words",
        "",
        "Exercises  [#########>--------------------] 1/3 solved",
        "",
      ].join("\n"),
    );
  });
});

describe("npm run learn -- check ID", () => {
  it("exits 0 when it is solved, in the tree --tree names", async () => {
    const { code, output } = await runLearn(repo.root, "check", "02-count", "--tree", "solutions");
    expect(code).toBe(0);
    expect(output).toBe("✓ 02-count solved: Count the words\n");
  });

  it("exits 2 for an unknown id or a missing one", async () => {
    const unknown = await runLearn(repo.root, "check", "99-nope");
    expect(unknown.code).toBe(2);
    expect(unknown.errors).toContain('there is no exercise "99-nope"');
    expect((await runLearn(repo.root, "check")).errors).toBe(
      "check needs an exercise id: npm run learn -- check 05-add-header\n",
    );
  });
});

describe("npm run learn -- hint ID [N]", () => {
  it("gives any exercise's first hint, and says how to ask for the next", async () => {
    const { code, output } = await runLearn(repo.root, "hint", "02-count");
    expect(code).toBe(0);
    expect(output).toBe(
      "Hint 1/2 for 02-count: Split on spaces.\nThe next: npm run learn -- hint 02-count 2\n",
    );
  });

  it("gives hint N, and after the last points at the solution", async () => {
    const { output } = await runLearn(repo.root, "hint", "01-shout", "2");
    expect(output).toBe(
      "Hint 2/2 for 01-shout: Read lessons/01-basics/README.md, 'Exercise: shout'.\n" +
        "That was the last hint. Still stuck? npm run learn -- solution 01-shout\n",
    );
  });

  it("says which hints there are when N is past the last, or not a number", async () => {
    expect(await runLearn(repo.root, "hint", "01-shout", "3")).toMatchObject({
      code: 1,
      errors: "npm run learn -- hint: 01-shout has hints 1 to 2, not 3\n",
    });
    expect((await runLearn(repo.root, "hint", "01-shout", "two")).errors).toContain(
      '"two" is not a step number',
    );
  });
});

describe("the commands the README and lesson 11 show", () => {
  it("are commands learn knows, about exercises the manifest lists", () => {
    const shown = ["README.md", "lessons/11-sign-in/README.md"].flatMap((file) => [
      ...readFileSync(path.join(projectRoot, file), "utf8").matchAll(
        /npm run learn -- ([a-z-]+)(?: ([0-9]{2}-[a-z0-9-]+))?/g,
      ),
    ]);
    expect(shown.length).toBeGreaterThan(10);
    for (const [line, command, id] of shown) {
      expect(usage, line).toMatch(new RegExp(`^  ${command} `, "m"));
      if (id !== undefined) expect(findExercise(id), line).toBeDefined();
    }
  });
});

describe("npm run learn with no command", () => {
  it("explains what to run instead when there is no terminal, and exits 0", async () => {
    const { code, output } = await runLearn(repo.root);
    expect(code).toBe(0);
    expect(output).toContain("npm run learn -- list");
    expect(output).toContain("npm run learn -- check ID");
  });

  it("refuses an unknown command or option with the usage", async () => {
    for (const args of [
      ["dance"],
      ["--colour"],
      ["list", "extra"],
      ["hint", "01-greet", "1", "2"],
    ]) {
      const { code, errors } = await runLearn(repo.root, ...args);
      expect(code).toBe(2);
      expect(errors).toContain("Usage: npm run learn");
    }
  });
});
