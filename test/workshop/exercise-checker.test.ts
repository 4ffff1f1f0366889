import { describe, expect, it } from "vitest";
import { starterChecker } from "../../workshop/exercise-checker.ts";
import type { ExerciseRunner, TestOutcome } from "../../workshop/learn/run-test.ts";
import type { Exercise } from "../../workshop/manifest.ts";
import { signal } from "../support/signal.ts";

function exercise(name: string): Exercise {
  return {
    id: `01-${name}`,
    lesson: "01-basics",
    file: `01-basics/${name}.ts`,
    test: `test/exercises/01-basics/${name}.test.ts`,
    title: name,
    hints: ["one", "two"],
  };
}

const PASSED: TestOutcome = { passed: true, output: "" };

/** A runner whose runs end only when the test says so, and which logs when each starts and ends. */
function heldRunner(log: string[]) {
  const releases: Array<() => void> = [];
  const runner: ExerciseRunner = {
    async run(tests) {
      const test = tests[0] as string;
      log.push(`start ${test}`);
      const release = signal();
      releases.push(release.resolve);
      await release.promise;
      log.push(`end ${test}`);
      return new Map([[test, PASSED]]);
    },
    close: async () => {},
  };
  return { runner, releases };
}

/** Lets pending promise callbacks run. */
const turn = () => new Promise((resolve) => setImmediate(resolve));

describe("starterChecker", () => {
  it("runs one check at a time: a second visitor's check waits for the first", async () => {
    const log: string[] = [];
    const { runner, releases } = heldRunner(log);
    const checker = starterChecker("/repo", async () => runner);
    const first = checker.check(exercise("greet"));
    const second = checker.check(exercise("shout"));
    await turn();
    expect(log).toEqual(["start test/exercises/01-basics/greet.test.ts"]);
    releases[0]?.();
    await first;
    await turn();
    expect(log.at(-1)).toBe("start test/exercises/01-basics/shout.test.ts");
    releases[1]?.();
    expect(await second).toEqual(PASSED);
    await checker.close();
  });

  it("starts the test runner once, on the first check, in the repository's starter folder", async () => {
    const started: string[] = [];
    const checker = starterChecker("/repo", async (root, tree) => {
      started.push(`${root} ${tree}`);
      return {
        run: async (tests) => new Map([[tests[0] as string, PASSED]]),
        close: async () => {},
      };
    });
    expect(started).toEqual([]);
    await checker.check(exercise("greet"));
    await checker.check(exercise("shout"));
    expect(started).toHaveLength(1);
    expect(started[0]).toMatch(/^\/repo .*starter$/);
    await checker.close();
  });

  it("tries to start the test runner again after a start that failed", async () => {
    let starts = 0;
    const checker = starterChecker("/repo", async () => {
      starts++;
      if (starts === 1) throw new Error("Vitest did not start");
      return {
        run: async (tests) => new Map([[tests[0] as string, PASSED]]),
        close: async () => {},
      };
    });
    await expect(checker.check(exercise("greet"))).rejects.toThrow("Vitest did not start");
    expect(await checker.check(exercise("greet"))).toEqual(PASSED);
    expect(starts).toBe(2);
    await checker.close();
  });
});
