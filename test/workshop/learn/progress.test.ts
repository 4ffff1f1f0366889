import { describe, expect, it } from "vitest";
import {
  checkExercises,
  checkInOrder,
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

describe("checkInOrder", () => {
  it("gives each exercise in list order, as soon as it and those before it are known", async () => {
    const told: string[] = [];
    const runner: ExerciseRunner = {
      run: async (tests, events) => {
        events?.onBusy?.();
        // The shared test finishes first: 01-b and 01-c wait for 01-a.
        for (const test of [...tests].reverse()) {
          told.push(test);
          events?.onOutcome?.(test, passed);
        }
        return new Map(tests.map((test) => [test, passed]));
      },
      close: async () => {},
    };
    const seen: string[] = [];
    for await (const checked of checkInOrder(runner, list)) {
      seen.push("busy" in checked ? "busy" : `${checked.exercise.id} after ${told.length}`);
    }
    expect(seen).toEqual(["busy", "01-a after 2", "01-b after 2", "01-c after 2"]);
  });

  it("ends with the run's error when the run fails", async () => {
    const runner: ExerciseRunner = {
      run: async () => {
        throw new Error("Vitest did not start");
      },
      close: async () => {},
    };
    const all = async () => {
      for await (const _ of checkInOrder(runner, list)) {
        // nothing comes
      }
    };
    await expect(all()).rejects.toThrow("Vitest did not start");
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
