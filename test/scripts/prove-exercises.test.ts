import { execFile } from "node:child_process";
import { copyFileSync, existsSync, writeFileSync } from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { formatTable } from "../../scripts/proof/prove.ts";
import type { FixtureRepo } from "../fixtures/fixture-repo.ts";
import { makeFixtureRepo, projectRoot } from "../fixtures/fixture-repo.ts";

const run = promisify(execFile);
const script = path.join(projectRoot, "scripts", "prove-exercises.ts");
const count = "02-deeper/app/steps/count.ts";
const weakProblem =
  "01-weak: its test PASSES against the committed starter: the test checks nothing the learner must write";

interface Finished {
  code: number;
  stdout: string;
}

let repo: FixtureRepo;
let proof: Finished;

// A proof starts Vitest and runs every exercise test: one run, over a fixture
// where each exercise is a different case, checks them all.
//   01-greet  good, but its working-tree starter is solved: only the committed one counts
//   01-shout  good, untouched
//   01-weak   its test passes on its starter
//   02-count  its starter was never committed, and its solution is wrong
beforeAll(async () => {
  repo = await makeFixtureRepo({ withWeak: true, uncommitted: [`starter/${count}`] });
  const greet = path.join("01-basics", "greet.ts");
  copyFileSync(path.join(repo.root, "solutions", greet), path.join(repo.root, "starter", greet));
  writeFileSync(
    path.join(repo.root, "solutions", ...count.split("/")),
    "export function count(): number {\n  return 0;\n}\n",
  );
  proof = await run(process.execPath, ["--import", "tsx", script, "--root", repo.root], {
    cwd: projectRoot,
  }).then(
    ({ stdout }) => ({ code: 0, stdout }),
    (error: Finished) => ({ code: error.code, stdout: error.stdout }),
  );
});

afterAll(async () => {
  await repo?.remove();
});

/** The table line of one exercise. */
function row(id: string): string | undefined {
  return proof.stdout.split("\n").find((line) => line.startsWith(`${id} `));
}

describe("npm run prove", () => {
  it("prints one line per exercise, then the problems, and exits 1", () => {
    expect(proof.code).toBe(1);
    expect(proof.stdout).toContain(
      "exercise  starter fails?  solution passes?\n01-greet  yes             yes\n",
    );
    expect(proof.stdout).toContain("\n\n3 problems:\n");
  });

  it("proves a good exercise: its test fails on the starter and passes with the solution", () => {
    expect(row("01-shout")).toBe("01-shout  yes             yes");
  });

  it("catches the test that checks nothing", () => {
    expect(row("01-weak")).toBe("01-weak   NO              yes");
    expect(proof.stdout).toContain(`  ${weakProblem}\n`);
  });

  it("reads the committed starter, not the working tree", () => {
    expect(row("01-greet")).toBe("01-greet  yes             yes");
  });

  it("says to commit a starter that is not in git, and names a failing solution", () => {
    expect(row("02-count")).toBe("02-count  ?               NO");
    expect(proof.stdout).toMatch(
      /^ {2}02-count: starter\/02-deeper\/app\/steps\/count\.ts is not in the last commit \(git: .*\); commit it: the proof reads the committed starter, never the working tree$/m,
    );
    expect(proof.stdout).toContain(
      `  02-count: its test FAILS against the solution: 02-count > counts words, not characters: count("a b  c") must return 3; see lessons/02-deeper/README.md, 'Exercise: count': expected +0 to be 3\n`,
    );
  });

  it("cleans up its proof tree", () => {
    expect(existsSync(path.join(repo.root, ".proof"))).toBe(false);
  });
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
