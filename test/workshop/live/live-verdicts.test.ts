import { describe, expect, it } from "vitest";
import type { ExerciseRunner, TestOutcome } from "../../../workshop/learn/run-test.ts";
import { LiveVerdicts, type Verdict } from "../../../workshop/live/live-verdicts.ts";
import { SaveFeed } from "../../../workshop/live/save-feed.ts";
import type { Exercise } from "../../../workshop/manifest.ts";

const exercise: Exercise = {
  id: "01-greet",
  lesson: "01-basics",
  file: "01-basics/greet.ts",
  test: "test/exercises/01-basics/greet.test.ts",
  title: "Greet",
  hints: ["a", "b"],
};
const passed: TestOutcome = { passed: true, output: "" };

/** A runner whose runs end when the test says, and a watcher the test fires. */
function setUp() {
  const runs: Array<() => void> = [];
  const runner: ExerciseRunner = {
    run: (tests) =>
      new Promise((resolve) => runs.push(() => resolve(new Map(tests.map((t) => [t, passed]))))),
    close: async () => {},
  };
  let fire: (files: string[]) => void = () => {};
  let watchers = 0;
  const feed = new SaveFeed("starter", (_tree, onChange) => {
    fire = onChange;
    watchers++;
    return { close: () => watchers-- };
  });
  const settle = () => new Promise((resolve) => setImmediate(resolve));
  return {
    runs,
    verdicts: new LiveVerdicts(runner, feed),
    fire: (f: string[]) => fire(f),
    watchers: () => watchers,
    settle,
  };
}

describe("live verdicts", () => {
  it("run the test when the first page opens, and tell each page the latest verdict", async () => {
    const { runs, verdicts, settle } = setUp();
    const heard: Verdict[] = [];
    const stop = verdicts.watch(exercise, (verdict) => heard.push(verdict));
    expect(runs).toHaveLength(1);
    runs[0]?.();
    await settle();
    const second: Verdict[] = [];
    const stopSecond = verdicts.watch(exercise, (verdict) => second.push(verdict));
    expect(runs).toHaveLength(1);
    expect(heard.map((v) => v.state)).toEqual(["checking", "checked"]);
    expect(second.map((v) => v.state)).toEqual(["checked"]);
    stop();
    stopSecond();
  });

  it("run once more for saves made during a run, not once per save", async () => {
    const { runs, verdicts, fire, settle } = setUp();
    const stop = verdicts.watch(exercise, () => {});
    fire(["a.ts"]);
    fire(["b.ts"]);
    fire(["c.ts"]);
    runs[0]?.();
    await settle();
    expect(runs).toHaveLength(2);
    runs[1]?.();
    await settle();
    expect(runs).toHaveLength(2);
    stop();
  });

  it("watch the tree only while some page is open", () => {
    const { verdicts, watchers } = setUp();
    const one = verdicts.watch(exercise, () => {});
    const two = verdicts.watch({ ...exercise, id: "01-shout" }, () => {});
    expect(watchers()).toBe(1);
    one();
    expect(watchers()).toBe(1);
    two();
    expect(watchers()).toBe(0);
  });

  it("say why a test could not run", async () => {
    const feed = new SaveFeed("starter", () => ({ close: () => {} }));
    const runner: ExerciseRunner = {
      run: async () => {
        throw new Error("Vitest did not start");
      },
      close: async () => {},
    };
    const heard: Verdict[] = [];
    const stop = new LiveVerdicts(runner, feed).watch(exercise, (verdict) => heard.push(verdict));
    await new Promise((resolve) => setImmediate(resolve));
    expect(heard.at(-1)).toEqual({ state: "not-run", reason: "Vitest did not start" });
    stop();
  });
});
