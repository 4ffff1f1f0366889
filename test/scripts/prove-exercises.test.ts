import { execFile } from "node:child_process";
import { copyFileSync, existsSync, writeFileSync } from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { formatTable, proveExercises } from "../../scripts/proof/prove.ts";
import { loadManifest } from "../../workshop/manifest-check.ts";
import type { FixtureRepo } from "../fixtures/fixture-repo.ts";
import { makeFixtureRepo, projectRoot } from "../fixtures/fixture-repo.ts";

const run = promisify(execFile);
const fixture = path.join(projectRoot, "test", "fixtures", "exercise-repo");
const weakProblem =
  "01-weak: its test PASSES against the committed starter: the test checks nothing the learner must write";

let repo: FixtureRepo;

beforeAll(async () => {
  repo = await makeFixtureRepo({ withWeak: true });
});

afterAll(async () => {
  await repo?.remove();
});

describe("proveExercises", () => {
  it("proves the good exercises, catches the test that checks nothing, and cleans up", async () => {
    const rows = await proveExercises(repo.root, await loadManifest(repo.root));
    expect(rows).toEqual([
      { id: "01-greet", starterFails: true, solutionPasses: true, problems: [] },
      { id: "01-shout", starterFails: true, solutionPasses: true, problems: [] },
      { id: "01-weak", starterFails: false, solutionPasses: true, problems: [weakProblem] },
      { id: "02-count", starterFails: true, solutionPasses: true, problems: [] },
    ]);
    expect(existsSync(path.join(repo.root, ".proof"))).toBe(false);
  }, 60_000);

  it("reads the committed starter, not the working tree, and names a failing solution", async () => {
    const greet = path.join("01-basics", "greet.ts");
    copyFileSync(path.join(repo.root, "solutions", greet), path.join(repo.root, "starter", greet));
    const count = path.join(repo.root, "solutions", "02-deeper", "app", "steps", "count.ts");
    writeFileSync(count, "export function count(): number {\n  return 0;\n}\n");
    try {
      const exercises = (await loadManifest(repo.root)).filter((e) => e.id !== "01-weak");
      const rows = await proveExercises(repo.root, exercises);
      expect(rows[0]).toEqual({
        id: "01-greet",
        starterFails: true,
        solutionPasses: true,
        problems: [],
      });
      expect(rows[2]?.problems).toEqual([
        `02-count: its test FAILS against the solution: 02-count > counts words, not characters: count("a b  c") must return 3; see lessons/02-deeper/README.md, 'Exercise: count': expected +0 to be 3`,
      ]);
    } finally {
      for (const tree of ["starter", "solutions"]) {
        const file = path.join(tree, "01-basics", "greet.ts");
        copyFileSync(path.join(fixture, file), path.join(repo.root, file));
      }
      copyFileSync(path.join(fixture, "solutions", "02-deeper", "app", "steps", "count.ts"), count);
    }
  }, 60_000);

  it("says to commit a starter that is not in git", async () => {
    const uncommitted = await makeFixtureRepo({ commit: false });
    try {
      const [greet] = await loadManifest(uncommitted.root);
      const rows = await proveExercises(uncommitted.root, greet ? [greet] : []);
      expect(rows[0]?.starterFails).toBeUndefined();
      expect(rows[0]?.problems[0]).toMatch(
        /^01-greet: starter\/01-basics\/greet\.ts is not in the last commit \(git: .*\); commit it: the proof reads the committed starter, never the working tree$/,
      );
    } finally {
      await uncommitted.remove();
    }
  }, 60_000);
});

describe("formatTable", () => {
  it("shows one line per exercise, then the problems", () => {
    const table = formatTable([
      { id: "01-greet", starterFails: true, solutionPasses: true, problems: [] },
      { id: "01-weak", starterFails: false, solutionPasses: true, problems: [weakProblem] },
    ]);
    expect(table).toBe(
      [
        "exercise  starter fails?  solution passes?",
        "01-greet  yes             yes",
        "01-weak   NO              yes",
        "",
        "1 problem:",
        `  ${weakProblem}`,
        "",
      ].join("\n"),
    );
  });
});

describe("npm run prove", () => {
  it("prints the table and exits 1 when an exercise is not proven", async () => {
    const script = path.join(projectRoot, "scripts", "prove-exercises.ts");
    const failure = await run(process.execPath, ["--import", "tsx", script, "--root", repo.root], {
      cwd: projectRoot,
    }).catch((error: { code: number; stdout: string }) => error);
    expect("code" in failure && failure.code).toBe(1);
    expect(failure.stdout).toContain("01-weak   NO              yes");
    expect(failure.stdout).toContain(weakProblem);
  }, 60_000);
});
