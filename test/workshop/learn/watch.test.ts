import { rmSync } from "node:fs";
import path from "node:path";
import { PassThrough, Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { plain } from "../../../workshop/learn/render.ts";
import type { ExerciseRunner, RunEvents, TestOutcome } from "../../../workshop/learn/run-test.ts";
import type { KeyInput } from "../../../workshop/learn/watch.ts";
import { watchExercises } from "../../../workshop/learn/watch.ts";
import { loadManifest } from "../../../workshop/manifest-check.ts";
import { makeFixtureRepo, projectRoot } from "../../fixtures/fixture-repo.ts";
import { signal } from "../../support/signal.ts";
import { until } from "../../support/until.ts";

const fixture = path.join(projectRoot, "test", "fixtures", "exercise-repo");
const exercises = await loadManifest(fixture);

/**
 * A runner whose tests pass for the exercises listed in `solved` (by test file). Each outcome is
 * told as it comes; `before` runs first (a test holds a run there, or says the machine is busy).
 */
function scriptedRunner(solved: Set<string>): ExerciseRunner & {
  runs: string[][];
  before: (events: RunEvents) => Promise<void>;
} {
  const runs: string[][] = [];
  const runner = {
    runs,
    before: async (_events: RunEvents) => {},
    run: async (tests: readonly string[], events: RunEvents = {}) => {
      runs.push([...tests]);
      await runner.before(events);
      const outcome = (test: string): TestOutcome =>
        solved.has(test)
          ? { passed: true, output: "" }
          : { passed: false, failure: { test: "it", message: `${test} fails` }, output: "" };
      for (const test of tests) events.onOutcome?.(test, outcome(test));
      return new Map(tests.map((test) => [test, outcome(test)]));
    },
    close: async () => {},
  };
  return runner;
}

class Screen extends Writable {
  text = "";
  override _write(chunk: Buffer, _encoding: string, done: () => void) {
    this.text += chunk.toString();
    done();
  }
  /** The text written since the last call. */
  latest = 0;
  since(): string {
    const text = this.text.slice(this.latest);
    this.latest = this.text.length;
    return text;
  }
}

function session(
  options: { solved?: Set<string>; input?: KeyInput; signal?: AbortSignal; root?: string } = {},
) {
  const input = options.input ?? new PassThrough();
  const output = new Screen();
  const runner = scriptedRunner(options.solved ?? new Set());
  let save: (files: string[]) => void = () => {};
  let watching = false;
  const done = watchExercises({
    root: options.root ?? fixture,
    exercises,
    runner,
    tree: path.join(options.root ?? fixture, "starter"),
    input,
    output,
    paint: plain,
    clearScreen: false,
    ...(options.signal && { signal: options.signal }),
    watch: (onChange) => {
      save = onChange;
      watching = true;
      return {
        close: () => {
          watching = false;
        },
      };
    },
  });
  return {
    input,
    output,
    runner,
    done,
    /** Resolves once the first screen is up; only tests that wait for it start the wait. */
    get ready() {
      return until(() => output.text.includes("q quit\n"), "the first screen");
    },
    press: (key: string) => (input as PassThrough).write(key),
    save: (files: string[]) => save(files),
    watching: () => watching,
  };
}

describe("watchExercises", () => {
  it("shows the first unsolved exercise with its task and failure, and quits on q", async () => {
    const s = session({ solved: new Set([exercises[0]?.test ?? ""]) });
    await s.ready;
    expect(s.output.text).toContain("01-shout  Shout a word");
    expect(s.output.text).toContain("Export a function `shout` that returns its word in capitals.");
    expect(s.output.text).toContain("test/exercises/01-basics/shout.test.ts fails");
    expect(s.output.text).toContain("1/3 solved");
    s.press("q");
    await s.done;
    expect(s.watching()).toBe(false);
    expect(s.output.text).toContain("Bye!");
  });

  it("reveals the hints one at a time, in order, and no more than there are", async () => {
    const s = session();
    await s.ready;
    s.output.since();
    s.press("h");
    await until(() => s.output.text.includes("Hint 1/2"), "hint 1");
    expect(s.output.since()).not.toContain("Hint 2/2");
    s.press("h");
    await until(() => s.output.text.includes("Hint 2/2"), "hint 2");
    expect(s.output.text).toContain(
      "Hint 2/2: Read lessons/01-basics/README.md, 'Exercise: greet'.",
    );
    s.press("h");
    s.press("q");
    await s.done;
    expect(s.output.text).not.toContain("Hint 3");
  });

  it("reruns on save, says when the exercise is solved, and moves on to the next", async () => {
    const solved = new Set<string>();
    const s = session({ solved });
    await s.ready;
    s.press("h");
    solved.add(exercises[0]?.test ?? "");
    s.save(["01-basics/greet.ts"]);
    await until(() => s.output.text.includes("✓ 01-greet solved! Next: 01-shout."), "the move");
    await until(
      () => s.output.text.endsWith("h hint · s next solution step · l list · r rerun · q quit\n"),
      "the new screen",
    );
    const screen = s.output.text.slice(s.output.text.lastIndexOf("✓ 01-greet solved!"));
    expect(screen).toContain("01-shout  Shout a word");
    expect(screen).toContain("1/3 solved");
    expect(screen).not.toContain("Hint 1/2");
    s.press("q");
    await s.done;
  });

  it("reruns the current exercise and the one whose file was saved, and reruns on r", async () => {
    const s = session();
    await s.ready;
    s.save(["02-deeper/app/steps/count.ts"]);
    await until(() => s.runner.runs.length === 2, "the rerun");
    expect(s.runner.runs[1]).toEqual([
      "test/exercises/01-basics/greet.test.ts",
      "test/exercises/02-deeper/count.test.ts",
    ]);
    s.press("r");
    await until(() => s.runner.runs.length === 3, "the r rerun");
    expect(s.runner.runs[2]).toEqual(["test/exercises/01-basics/greet.test.ts"]);
    s.press("q");
    await s.done;
  });

  it("lists every exercise with its status on l, and goes back on any key", async () => {
    const s = session({ solved: new Set([exercises[1]?.test ?? ""]) });
    await s.ready;
    s.output.since();
    s.press("l");
    await until(() => s.output.text.includes("Any key goes back"), "the list");
    expect(s.output.since()).toContain(
      "> ✗ 01-greet  Greet someone by name\n  ✓ 01-shout  Shout a word\n  ✗ 02-count",
    );
    s.press("x");
    await until(() => s.output.text.endsWith("q quit\n"), "the exercise again");
    s.press("q");
    await s.done;
  });

  it("says so when every exercise is solved", async () => {
    const s = session({ solved: new Set(exercises.map((exercise) => exercise.test)) });
    await until(() => s.output.text.includes("All 3 exercises solved"), "the end");
    s.press("q");
    await s.done;
  });

  it("quits on Ctrl-C and gives the terminal back its normal mode", async () => {
    const modes: boolean[] = [];
    const input = Object.assign(new PassThrough(), {
      isTTY: true,
      setRawMode: (raw: boolean) => modes.push(raw),
    });
    const s = session({ input });
    await s.ready;
    expect(modes).toEqual([true]);
    s.press("\x03");
    await s.done;
    expect(modes).toEqual([true, false]);
  });

  it("says when the test run itself fails, and retries on r", async () => {
    const s = session();
    const run = s.runner.run;
    s.runner.run = async () => {
      s.runner.run = run;
      throw new Error("Vitest could not start");
    };
    await until(() => s.output.text.includes("r retries"), "the failure");
    expect(s.output.text).toContain("✗ The test run failed: Vitest could not start");
    s.press("r");
    await until(() => s.output.text.includes("h hint"), "the exercise");
    s.press("q");
    await s.done;
  });

  it("quits when its signal aborts (the CLI aborts on SIGINT)", async () => {
    const interrupted = new AbortController();
    const s = session({ signal: interrupted.signal });
    await s.ready;
    interrupted.abort();
    await s.done;
    expect(s.watching()).toBe(false);
  });

  it("quits when its input ends, so it never hangs in a pipe", async () => {
    const s = session();
    await s.ready;
    (s.input as PassThrough).end();
    await s.done;
    expect(s.watching()).toBe(false);
  });

  it("says an exercise is solved only when this session saw its test fail first", async () => {
    const greet = exercises[0]?.test ?? "";
    const shout = exercises[1]?.test ?? "";
    const solved = new Set([greet]);
    const s = session({ solved });
    await s.ready;
    s.press("r");
    await until(() => s.runner.runs.length === 2, "the rerun");
    solved.add(shout);
    s.save(["01-basics/shout.ts"]);
    await until(() => s.output.text.includes("✓ 01-shout solved!"), "the move");
    expect(s.output.text).not.toContain("01-greet solved!");
    s.press("q");
    await s.done;
  });

  it("says 'solved!' for no exercise after a run that failed to start, only the count", async () => {
    const solved = new Set(exercises.slice(0, 2).map((exercise) => exercise.test));
    const s = session({ solved });
    const run = s.runner.run;
    s.runner.run = async () => {
      s.runner.run = run;
      throw new Error("Vitest could not start");
    };
    await until(() => s.output.text.includes("r retries"), "the failure");
    s.press("r");
    await until(() => s.output.text.endsWith("q quit\n"), "the exercise");
    expect(s.output.text).not.toContain("solved!");
    expect(s.output.text).toContain("2/3 solved");
    s.press("q");
    await s.done;
  });

  it("counts in its header exactly what its list shows", async () => {
    const s = session({ solved: new Set([exercises[0]?.test ?? "", exercises[2]?.test ?? ""]) });
    await s.ready;
    s.press("l");
    await until(() => s.output.text.includes("Any key goes back"), "the list");
    const list = s.output.text.slice(s.output.text.lastIndexOf("Exercises"));
    expect(list).toContain("2/3 solved");
    expect(list.match(/✓/g)).toHaveLength(2);
    s.press("q");
    await s.done;
  });

  it("says the machine is busy while a run goes on with its heartbeat, then shows the verdict", async () => {
    const s = session();
    await s.ready;
    const release = signal();
    s.runner.before = async (events) => {
      events.onBusy?.();
      await release.promise;
    };
    s.press("r");
    await until(
      () => s.output.text.includes("Checking... still running (the machine is busy)"),
      "the busy note",
    );
    release.resolve();
    await until(() => s.output.text.endsWith("q quit\n"), "the verdict");
    expect(s.output.since()).toContain("test/exercises/01-basics/greet.test.ts fails");
    s.press("q");
    await s.done;
  });

  it("says how to put back a missing starter file, without touching the others", async () => {
    const repo = await makeFixtureRepo();
    try {
      const first = exercises[0];
      rmSync(path.join(repo.root, "starter", first?.file ?? ""));
      const s = session({ root: repo.root });
      await s.ready;
      expect(s.output.text).toContain(
        `starter/${first?.file} is missing: npm run learn -- reset ${first?.id} puts it back as shipped.`,
      );
      s.press("q");
      await s.done;
    } finally {
      await repo.remove();
    }
  });

  it("shows the next step of the reference solution on s", async () => {
    const repo = await makeFixtureRepo();
    try {
      const s = session({ root: repo.root });
      await s.ready;
      s.press("s");
      await until(() => s.output.text.includes("Step 1/"), "the first step");
      expect(s.output.text).toContain("In starter/01-basics/greet.ts, at line");
      expect(s.output.text).toContain("+   return `Hello, $");
      s.press("q");
      await s.done;
    } finally {
      await repo.remove();
    }
  });
});
