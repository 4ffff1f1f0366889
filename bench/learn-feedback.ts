/**
 * `npm run bench:learn`: how long a learner waits for an exercise's verdict after a save.
 *
 * It runs the real watch mode of `npm run learn` (the file watcher, the
 * shared runner, Vitest, the screen) on a throwaway copy of this workshop,
 * and saves the current exercise's file again and again, as a learner
 * does: each save changes the file, and its test still fails. The time of
 * one verdict runs from the write to the screen that shows the new result.
 * The target is under 2 s (median) on an idle 2-core machine; the output
 * says how busy the machine was, and where the time went. Then a few saves
 * that solve the exercise, whose screen ("solved!") waits for the next
 * exercise's check too.
 *
 * A benchmark reports: it exits 0 on PASS and on MISS, and non-zero only
 * when it could not measure.
 *
 * @example
 * // npm run bench:learn
 * // npm run bench:learn -- --saves 25 --exercise 11-csrf
 */
import { copyFileSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { PassThrough, Writable } from "node:stream";
import { parseArgs } from "node:util";
import { copyThisCheckout } from "../test/fixtures/fixture-repo.ts";
import { watchTree } from "../workshop/learn/file-watch.ts";
import { plain } from "../workshop/learn/render.ts";
import type { ExerciseRunner, Phases } from "../workshop/learn/run-test.ts";
import { sharedRunner } from "../workshop/learn/shared-runner.ts";
import { watchExercises } from "../workshop/learn/watch.ts";
import { exercises, findExercise } from "../workshop/manifest.ts";
import { median } from "./report.ts";

const TARGET_S = 2;
const { values } = parseArgs({
  options: { saves: { type: "string", default: "15" }, exercise: { type: "string" } },
});
const saves = Number(values.saves);

/** What happened to one save, in ms from the write. */
interface Timing {
  total: number;
  noticed: number;
  runStarted: number;
  runEnded: number;
  phases: Phases | undefined;
}

/** The screens the watch mode writes, each with when it came. */
class Screens extends Writable {
  readonly seen: Array<{ at: number; text: string }> = [];
  #waiting: Array<() => void> = [];
  override _write(chunk: Buffer, _encoding: string, done: () => void) {
    this.seen.push({ at: performance.now(), text: chunk.toString() });
    for (const wake of this.#waiting.splice(0)) wake();
    done();
  }
  /** The first screen after `since` that `wanted` accepts; a benchmark gives up after 3 minutes. */
  async next(
    since: number,
    wanted: (text: string) => boolean,
  ): Promise<{ at: number; text: string }> {
    for (;;) {
      const found = this.seen.find((screen) => screen.at > since && wanted(screen.text));
      if (found) return found;
      if (performance.now() - since > 180_000) {
        throw new Error(`no such screen after 3 minutes; the last:\n${this.seen.at(-1)?.text}`);
      }
      await new Promise<void>((wake) => {
        this.#waiting.push(wake);
        setTimeout(wake, 1_000).unref();
      });
    }
  }
}

const copy = copyThisCheckout();
const tree = path.join(copy.root, "starter");
const exercise = values.exercise ? findExercise(values.exercise) : exercises[0];
if (exercise === undefined) throw new Error(`no exercise ${values.exercise ?? ""} in the manifest`);
// The exercises before it are solved, so it is the current one, as in a learner's session.
for (const earlier of exercises.slice(0, exercises.indexOf(exercise))) {
  const reference = path.join(copy.root, "solutions", ...earlier.file.split("/"));
  copyFileSync(reference, path.join(tree, ...earlier.file.split("/")));
}
const file = path.join(tree, ...exercise.file.split("/"));
const starter = readFileSync(file, "utf8");
const solution = readFileSync(
  path.join(copy.root, "solutions", ...exercise.file.split("/")),
  "utf8",
);

const marks = { noticed: 0, runStarted: 0, runEnded: 0, phases: undefined as Phases | undefined };
const shared = sharedRunner(copy.root, tree);
const runner: ExerciseRunner = {
  async run(tests, events) {
    marks.runStarted = performance.now();
    const outcomes = await shared.run(tests, events);
    marks.runEnded = performance.now();
    marks.phases = outcomes.get(exercise.test)?.phases;
    return outcomes;
  },
  close: () => shared.close(),
};
const screens = new Screens();
const quit = new AbortController();

console.log("Exercise feedback: the verdict after a save, in the watch mode of npm run learn");
console.log(
  `machine: ${os.availableParallelism()} cores, Node ${process.version}, ${os.platform()}`,
);
console.log(`load average before: ${loadAverage()}`);
console.log(`a copy of the workshop in ${copy.root}; the exercise: ${exercise.id}\n`);

const started = performance.now();
const watching = watchExercises({
  root: copy.root,
  exercises,
  runner,
  tree,
  input: new PassThrough(),
  output: screens,
  paint: plain,
  clearScreen: false,
  signal: quit.signal,
  watch: (onChange) =>
    watchTree(tree, (files) => {
      marks.noticed = performance.now();
      onChange(files);
    }),
});

try {
  const first = await screens.next(started, isVerdict);
  console.log(`first screen, every exercise checked: ${seconds(first.at - started)}\n`);
  const failing: Timing[] = [];
  for (let save = 1; save <= saves; save++) {
    const timing = await saveAndWait(`${starter}// attempt ${save}\n`, isVerdict);
    failing.push(timing);
    console.log(`save ${String(save).padStart(2)}: verdict after ${seconds(timing.total)}`);
  }
  const solving: Timing[] = [];
  for (let round = 1; round <= 3; round++) {
    solving.push(
      await saveAndWait(solution, (text) => text.includes("solved!") && isVerdict(text)),
    );
    await saveAndWait(
      `${starter}// undone ${round}\n`,
      (text) => text.includes(exercise.id) && isVerdict(text),
    );
  }
  report(failing, solving);
} finally {
  quit.abort();
  await watching;
  await runner.close();
  await copy.remove();
}

/** Writes the file, and times the screen `done` accepts, with the marks along the way. */
async function saveAndWait(text: string, done: (screen: string) => boolean): Promise<Timing> {
  const written = performance.now();
  writeFileSync(file, text);
  // A verdict comes after a "Checking..." screen: the one before it is the previous verdict.
  const checking = await screens.next(written, (screen) => screen.includes("Checking..."));
  const shown = await screens.next(checking.at, done);
  return {
    total: shown.at - written,
    noticed: marks.noticed - written,
    runStarted: marks.runStarted - written,
    runEnded: marks.runEnded - written,
    phases: marks.phases,
  };
}

function isVerdict(text: string): boolean {
  return text.endsWith("q quit\n") && !text.includes("Checking...");
}

function report(failing: Timing[], solving: Timing[]): void {
  const total = median(failing.map((t) => t.total));
  const at = (pick: (t: Timing) => number) => median(failing.map(pick));
  const phase = (name: keyof Phases) => at((t) => t.phases?.[name] ?? 0);
  const inVitest = at((t) => t.runEnded - t.runStarted);
  const inThreads = phase("prepare") + phase("setup") + phase("collect") + phase("tests");
  const rows: Array<[string, number]> = [
    [
      "noticing the save (file watcher, and 60 ms to gather a burst of writes)",
      at((t) => t.noticed),
    ],
    ["waiting for the runner", at((t) => t.runStarted - t.noticed)],
    [
      "Vitest: a fresh thread for the test, scheduling, reporting",
      Math.max(0, inVitest - inThreads),
    ],
    ["  the test harness in the thread", phase("prepare")],
    ["  the heartbeat (setup file)", phase("setup")],
    ["  importing the test file", phase("collect")],
    ["  running the test (it loads your file and what it imports)", phase("tests")],
    ["drawing the screen", at((t) => t.total - t.runEnded)],
  ];
  console.log(`\nverdict after a save, median of ${failing.length}: ${seconds(total)}`);
  console.log(
    `  (fastest ${seconds(Math.min(...failing.map((t) => t.total)))}, slowest ${seconds(Math.max(...failing.map((t) => t.total)))})`,
  );
  console.log("where the time goes (medians of each part, so they need not add up exactly):");
  for (const [what, ms] of rows) console.log(`  ${seconds(ms).padStart(7)}  ${what}`);
  console.log(
    `\na save that solves it, to the "solved!" screen (its check and the next exercise's), median of ${solving.length}: ${seconds(median(solving.map((t) => t.total)))}`,
  );
  console.log(`load average after: ${loadAverage()}`);
  const pass = total < TARGET_S * 1000;
  console.log(
    `\n${pass ? "PASS" : "MISS"}: the verdict came ${seconds(total)} after a save (target: under ${TARGET_S} s on an idle 2-core machine).`,
  );
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(2)} s`;
}

function loadAverage(): string {
  return os
    .loadavg()
    .map((value) => value.toFixed(2))
    .join(" ");
}
