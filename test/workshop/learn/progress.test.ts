import { describe, expect, it } from "vitest";
import {
  checkExercises,
  firstUnsolved,
  isSolved,
  solvedCount,
} from "../../../workshop/learn/progress.ts";
import type { ExerciseRunner, TestOutcome } from "../../../workshop/learn/run-test.ts";
import type { Exercise } from "../../../workshop/manifest.ts";

const exercise = (id: string, test = `test/${id}.test.ts`): Exercise => ({
  id,
  lesson: "01-basics",
  file: `01-basics/${id}.ts`,
  test,
  title: id,
  hints: ["a", "b"],
});
const list = [
  exercise("01-a"),
  exercise("01-b", "test/shared.test.ts"),
  exercise("01-c", "test/shared.test.ts"),
];
const passed: TestOutcome = { passed: true, output: "" };
const failed: TestOutcome = { passed: false, failure: { test: "t", message: "m" }, output: "" };

describe("checkExercises", () => {
  it("runs each test file once and maps outcomes back to exercise ids", async () => {
    const runs: string[][] = [];
    const runner: ExerciseRunner = {
      run: async (tests) => {
        runs.push([...tests]);
        return new Map(tests.map((test) => [test, test === "test/01-a.test.ts" ? passed : failed]));
      },
      close: async () => {},
    };
    const results = await checkExercises(runner, list);
    expect(runs).toEqual([["test/01-a.test.ts", "test/shared.test.ts"]]);
    expect([...results]).toEqual([
      ["01-a", passed],
      ["01-b", failed],
      ["01-c", failed],
    ]);
  });
});

describe("progress from results", () => {
  const results = new Map([
    ["01-a", passed],
    ["01-b", failed],
  ]);

  it("counts the solved exercises", () => {
    expect(solvedCount(list, results)).toBe(1);
    expect(isSolved(list[2] as Exercise, results)).toBe(false);
  });

  it("picks the first unsolved exercise, or none when all pass", () => {
    expect(firstUnsolved(list, results)?.id).toBe("01-b");
    const all = new Map(list.map((e) => [e.id, passed]));
    expect(firstUnsolved(list, all)).toBeUndefined();
  });
});
