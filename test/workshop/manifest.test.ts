import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import type { Exercise } from "../../workshop/manifest.ts";
import {
  exerciseForFile,
  exercises,
  exercisesOfLesson,
  findExercise,
} from "../../workshop/manifest.ts";
import { manifestProblems, readLineProblems } from "../../workshop/manifest-check.ts";
import { projectRoot } from "../fixtures/fixture-repo.ts";
import { itWithReferenceAnswers } from "../support/reference-answers.ts";

const entry = (id: string, lesson: string): Exercise => ({
  id,
  lesson,
  file: `${lesson}/${id.slice(3)}.ts`,
  test: `test/exercises/${lesson}/${id.slice(3)}.test.ts`,
  title: id,
  hints: ["first", `Read lessons/${lesson}/README.md, 'Exercise: ${id}'.`],
});
const list = [
  entry("05-add-header", "05-function-middleware"),
  entry("06-counter", "06-class-middleware"),
];

describe("the workshop's manifest", () => {
  itWithReferenceAnswers(
    "has only well-formed entries: both files, the test, a hint ladder naming a real README section",
    () => {
      const problems = manifestProblems(projectRoot, exercises);
      expect(problems, `Fix workshop/manifest.ts:\n${problems.join("\n")}\n`).toEqual([]);
    },
  );

  it("points every starter at its lesson's section, with a Read: line under the task", () => {
    const problems = readLineProblems(projectRoot, exercises);
    expect(problems, `Fix these starters:\n${problems.join("\n")}\n`).toEqual([]);
  });

  it("has exercises in every lesson, as the root README says", () => {
    const lessons = readdirSync(path.join(projectRoot, "lessons"));
    const without = lessons.filter((lesson) => exercisesOfLesson(lesson).length === 0);
    expect(without, "these lessons have no exercise in workshop/manifest.ts").toEqual([]);
    expect(readFileSync(path.join(projectRoot, "README.md"), "utf8")).toContain(
      "Every lesson has exercises",
    );
  });
});

describe("the exercises' demos", () => {
  it("gives every exercise a demo that serves its starter file, and the page that shows it", () => {
    const without = exercises.filter((exercise) => exercise.demo === undefined).map((e) => e.id);
    expect(without, "Give these a demo in workshop/manifest.ts").toEqual([]);
  });

  it("names a demo's npm script, its lesson's demo file, and a path from the root", () => {
    const wrong = (demo: Exercise["demo"]) =>
      manifestProblems(projectRoot, [
        { ...entry("05-add-header", "05-function-middleware"), demo },
      ]);
    const problems = [
      ...wrong({ command: ["nothing"], path: "/" }),
      ...wrong({ command: ["demo", "6", "exercise"], path: "x" }),
      ...wrong({ command: ["demo", "5", "missing"], path: "/" }),
    ];
    expect(problems.join("\n")).toContain("npm run nothing, which package.json lacks");
    expect(problems.join("\n")).toContain(`the demo's path must start with "/"`);
    expect(problems.join("\n")).toContain("one of its lesson's: npm run demo -- 5");
    expect(problems.join("\n")).toContain(
      "lessons/05-function-middleware/demo-missing.ts does not exist",
    );
  });
});

describe("findExercise", () => {
  it("finds an exercise by id, and nothing for an unknown id", () => {
    expect(findExercise("06-counter", list)?.lesson).toBe("06-class-middleware");
    expect(findExercise("99-nothing", list)).toBeUndefined();
  });
});

describe("exerciseForFile", () => {
  it("finds the exercise a file belongs to", () => {
    expect(exerciseForFile("05-function-middleware/add-header.ts", list)?.id).toBe("05-add-header");
    expect(exerciseForFile("05-function-middleware/other.ts", list)).toBeUndefined();
  });
});

describe("exercisesOfLesson", () => {
  it("lists a lesson's exercises in order", () => {
    expect(exercisesOfLesson("06-class-middleware", list).map((e) => e.id)).toEqual(["06-counter"]);
  });
});
