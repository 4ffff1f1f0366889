import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { projectRoot } from "../fixtures/fixture-repo.ts";
import {
  exerciseExport,
  exercisePath,
  exerciseRoot,
  lessonSection,
  loadExercise,
} from "./load-exercise.ts";

const fixture = "test/fixtures/exercise-repo";
const section = lessonSection("01-basics", "Exercise: shout");
const saved = process.env.EXERCISE_ROOT;

afterEach(() => {
  if (saved === undefined) delete process.env.EXERCISE_ROOT;
  else process.env.EXERCISE_ROOT = saved;
});

describe("exerciseRoot", () => {
  it("is solutions/ unless EXERCISE_ROOT says otherwise", () => {
    delete process.env.EXERCISE_ROOT;
    expect(exerciseRoot()).toBe(path.join(projectRoot, "solutions"));
  });

  it("takes EXERCISE_ROOT relative to the repository root, or absolute", () => {
    process.env.EXERCISE_ROOT = "starter";
    expect(exerciseRoot()).toBe(path.join(projectRoot, "starter"));
    process.env.EXERCISE_ROOT = path.join(projectRoot, ".proof");
    expect(exercisePath("05-x/y.ts")).toBe(".proof/05-x/y.ts");
  });
});

describe("exerciseExport", () => {
  it("returns the export from the tree EXERCISE_ROOT names", async () => {
    process.env.EXERCISE_ROOT = `${fixture}/solutions`;
    const shout = await exerciseExport<(word: string) => string>(
      "01-basics/shout.ts",
      "shout",
      "function",
      section,
    );
    expect(shout("hi")).toBe("HI");
  });

  it("tells the learner what to export, and where to read about it", async () => {
    process.env.EXERCISE_ROOT = `${fixture}/starter`;
    await expect(
      exerciseExport("01-basics/shout.ts", "shout", "function", section),
    ).rejects.toThrow(
      `${fixture}/starter/01-basics/shout.ts must export a function named shout ` +
        "(it exports nothing by that name); see lessons/01-basics/README.md, 'Exercise: shout'",
    );
  });

  it("says what the export is when it has the wrong kind", async () => {
    process.env.EXERCISE_ROOT = `${fixture}/starter`;
    await expect(
      exerciseExport("01-basics/weak.ts", "answer", "function", section),
    ).rejects.toThrow("must export a function named answer (it exports a number)");
  });
});

describe("loadExercise", () => {
  it("says so when the file does not exist", async () => {
    process.env.EXERCISE_ROOT = `${fixture}/starter`;
    await expect(loadExercise("01-basics/gone.ts")).rejects.toThrow(
      `${fixture}/starter/01-basics/gone.ts does not exist: create it, or restore it from git.`,
    );
  });

  it("names the command that puts back a learner's missing exercise file", async () => {
    const copy = mkdtempSync(path.join(tmpdir(), "load-exercise-"));
    try {
      mkdirSync(path.join(copy, "starter"));
      process.env.EXERCISE_ROOT = path.join(copy, "starter");
      await expect(loadExercise("05-function-middleware/add-header.ts")).rejects.toThrow(
        /add-header\.ts does not exist: npm run learn -- reset 05-add-header puts the starter back\.$/,
      );
      process.env.EXERCISE_ROOT = path.join(copy, "solutions");
      await expect(loadExercise("05-function-middleware/add-header.ts")).rejects.toThrow(
        /add-header\.ts does not exist: there is no solutions\/ folder in this copy\.$/,
      );
    } finally {
      rmSync(copy, { recursive: true, force: true });
    }
  });

  it("names the file when it fails to load", async () => {
    process.env.EXERCISE_ROOT = fixture;
    await expect(loadExercise("README.md")).rejects.toThrow(`${fixture}/README.md fails to load:`);
  });
});

describe("lessonSection", () => {
  it("names the README and the heading", () => {
    expect(lessonSection("05-function-middleware", "Exercise: add a header").see).toBe(
      "see lessons/05-function-middleware/README.md, 'Exercise: add a header'",
    );
  });
});
