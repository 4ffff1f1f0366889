/**
 * A workshop home on a throwaway copy of the fixture exercise repository, for the tests of
 * the exercise pages, the instructor's mode and the guard.
 *
 * Its runner is a fake that answers from `outcomes` (by test file) and counts its runs, and
 * its watcher is one the test fires by hand (`save()`), so the tests wait on events they
 * cause, not on a file system's timing.
 *
 * @example
 * const live = await liveHome();
 * const page = await live.client.get("/exercises/01-greet");
 * live.save(["01-basics/greet.ts"]);
 * await live.close();
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { TestClient } from "../../gateway/test-client.ts";
import type { TraceData } from "../../gateway/trace/events.ts";
import { createHome, type Home } from "../../workshop/home.ts";
import type { ExerciseRunner, RunEvents, TestOutcome } from "../../workshop/learn/run-test.ts";
import type { Exercise } from "../../workshop/manifest.ts";
import { loadManifest } from "../../workshop/manifest-check.ts";
import { type FixtureRepo, makeFixtureRepo } from "../fixtures/fixture-repo.ts";

/** A home on a fixture copy, and the handles a test pulls. */
export interface LiveHome {
  readonly repo: FixtureRepo;
  readonly exercises: readonly Exercise[];
  readonly home: Home;
  readonly client: TestClient;
  /**
   * What the fake runner answers, by test file, one outcome per run, the last one for every run
   * after (missing: the test passes).
   */
  readonly outcomes: Map<string, TestOutcome[]>;
  /** What the fake runner hands a traced run, by test file (missing: no trace). */
  readonly traces: Map<string, TraceData[]>;
  /** Every run asked of the fake runner, in order. */
  readonly runs: string[][];
  /** Resolves once the fake runner has run `count` times in all. */
  ran(count: number): Promise<void>;
  /** Plays a learner's save: the watcher reports these files. */
  save(files: string[]): void;
  /** True while the home watches the learner's tree. */
  watching(): boolean;
  /** The home's token, read from an exercise page as a browser would. */
  token(): Promise<string>;
  /** Every file under `starter/`, with its text. */
  starterFiles(): Map<string, string>;
  close(): Promise<void>;
}

/**
 * Makes the fixture copy and its home.
 * @example const live = await liveHome({ env: { EDITOR: "code" } });
 */
export async function liveHome(options: { env?: NodeJS.ProcessEnv } = {}): Promise<LiveHome> {
  const repo = await makeFixtureRepo();
  const exercises = await loadManifest(repo.root);
  const outcomes = new Map<string, TestOutcome[]>();
  const next = (test: string): TestOutcome => {
    const queue = outcomes.get(test) ?? [];
    return (queue.length > 1 ? queue.shift() : queue[0]) ?? { passed: true, output: "" };
  };
  const traces = new Map<string, TraceData[]>();
  const runs: string[][] = [];
  const waiting = new Set<() => void>();
  const runner: ExerciseRunner = {
    async run(tests: readonly string[], events: RunEvents = {}) {
      runs.push([...tests]);
      const answers = new Map(tests.map((test) => [test, next(test)]));
      for (const [test, outcome] of answers) events.onOutcome?.(test, outcome);
      events.onTraces?.(tests.flatMap((test) => traces.get(test) ?? []));
      for (const wake of [...waiting]) wake();
      return answers;
    },
    close: async () => {},
  };
  const listeners = new Set<(files: string[]) => void>();
  const home = createHome({
    root: repo.root,
    exercises,
    runner,
    env: options.env ?? {},
    watch: (_tree, onChange) => {
      listeners.add(onChange);
      return { close: () => listeners.delete(onChange) };
    },
  });
  const client = new TestClient(home.app);
  return {
    repo,
    exercises,
    home,
    client,
    outcomes,
    traces,
    runs,
    ran: (count) =>
      new Promise<void>((resolve) => {
        const check = () => {
          if (runs.length < count) return;
          waiting.delete(check);
          resolve();
        };
        waiting.add(check);
        check();
      }),
    save: (files) => {
      for (const listener of [...listeners]) listener(files);
    },
    watching: () => listeners.size > 0,
    async token() {
      const page = await client.get(`/exercises/${exercises[0]?.id}`);
      const token = /name="csrf" value="([^"]+)"/.exec(page.text)?.[1];
      if (token === undefined) throw new Error("the exercise page has no token");
      return token;
    },
    starterFiles() {
      const starter = path.join(repo.root, "starter");
      const files = readdirSync(starter, { recursive: true, withFileTypes: true });
      return new Map(
        files
          .filter((entry) => entry.isFile())
          .map((entry) => {
            const file = path.join(entry.parentPath, entry.name);
            return [path.relative(starter, file), readFileSync(file, "utf8")];
          }),
      );
    },
    async close() {
      await home.close();
      await repo.remove();
    },
  };
}
