import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import type { Exercise } from "../../workshop/manifest.ts";
import { loadManifest, manifestProblems } from "../../workshop/manifest-check.ts";
import { makeFixtureRepo, projectRoot } from "../fixtures/fixture-repo.ts";

const root = path.join(projectRoot, "test", "fixtures", "exercise-repo");
const exercises = await loadManifest(root);
const greet = exercises[0] as Exercise;

function problemsWith(change: Partial<Exercise>): string[] {
  return manifestProblems(root, [{ ...greet, ...change }]);
}

describe("loadManifest", () => {
  it("reads the exercises of another repository", () => {
    expect(exercises.map((exercise) => exercise.id)).toEqual(["01-greet", "01-shout", "02-count"]);
  });

  it("refuses a folder without a manifest", async () => {
    await expect(loadManifest(path.join(root, "lib"))).rejects.toThrow();
  });
});

describe("manifestProblems", () => {
  it("finds nothing wrong with a well-formed manifest", () => {
    expect(manifestProblems(root, exercises)).toEqual([]);
  });

  it("names a file missing from either tree, and a missing test", () => {
    expect(
      problemsWith({ file: "01-basics/nowhere.ts", test: "test/exercises/none.test.ts" }),
    ).toEqual([
      "01-greet: starter/01-basics/nowhere.ts does not exist",
      "01-greet: solutions/01-basics/nowhere.ts does not exist",
      "01-greet: test/exercises/none.test.ts does not exist",
    ]);
  });

  it("asks for a ladder of at least two hints", () => {
    expect(problemsWith({ hints: ["only one"] })).toEqual([
      "01-greet: needs at least two hints (a ladder), has 1",
    ]);
  });

  it("asks the last hint to name a README section that exists", () => {
    expect(problemsWith({ hints: ["a", "b"] })).toEqual([
      `01-greet: the last hint must name the README section to read: "Read lessons/01-basics/README.md, 'Heading'."`,
    ]);
    expect(
      problemsWith({ hints: ["a", "Read lessons/01-basics/README.md, 'Exercise: gone'."] }),
    ).toEqual(["01-greet: lessons/01-basics/README.md has no heading 'Exercise: gone'"]);
  });

  it("checks the id's form and its lesson number", () => {
    expect(problemsWith({ id: "greet" })).toEqual([
      'greet: the id must look like "05-add-header"',
      "greet: the id must start with its lesson's number (01)",
    ]);
  });

  it("refuses a file path that leaves the tree or uses backslashes", () => {
    expect(problemsWith({ file: "../gateway/types.ts" })).toEqual([
      '01-greet: the file must be a path inside the trees with "/", like "05-topic/name.ts"',
    ]);
  });

  it("refuses a step marker in a starter: it belongs in the solution, which the learner does not see", async () => {
    const repo = await makeFixtureRepo({ commit: false });
    try {
      const starter = path.join(repo.root, "starter", "01-basics", "greet.ts");
      writeFileSync(starter, `${readFileSync(starter, "utf8")}  // Step: greet.\n`);
      expect(manifestProblems(repo.root, [greet])).toEqual([
        '01-greet: starter/01-basics/greet.ts has a "// Step:" marker: markers go in the solution only',
      ]);
    } finally {
      await repo.remove();
    }
  });

  it("refuses a duplicate id and a list out of lesson order", () => {
    const [first, second, third] = exercises as [Exercise, Exercise, Exercise];
    expect(manifestProblems(root, [third, first, first, second])).toEqual([
      "01-greet: the id is used twice",
      "01-greet: comes after 02-count, a later lesson: keep the list in lesson order",
    ]);
  });
});
