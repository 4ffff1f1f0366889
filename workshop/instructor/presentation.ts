/**
 * One exercise presented live: its solution's steps applied, one at a time,
 * to a scratch copy of the workshop.
 *
 * Step 0 is the starter as shipped; step N is the starter with the first N
 * steps of the reference solution applied (learn/solution-steps.ts, the
 * same steps `npm run learn -- solution` shows). Going to a step writes the
 * exercise's file in the copy, then reruns the exercise's test against the
 * copy and restarts the exercise's demo from it, so the class sees the
 * verdict and the behaviour change together. Clicks that come faster than
 * the test and the demo skip the steps in between: only the step the
 * instructor stopped at is run.
 *
 * The page hears of each change through `subscribe` ("step", "verdict",
 * "demo", and "ended" when it closes) and reads the state from the getters.
 *
 * @example
 * const presentation = await Presentation.open(checkout, exercise);
 * presentation.subscribe((part) => redraw(part));
 * await presentation.goTo(1);
 * await presentation.close();
 */
import { writeFile } from "node:fs/promises";
import path from "node:path";
import { inside } from "../learn/backups.ts";
import { solution } from "../learn/operations.ts";
import { createRunner, type ExerciseRunner } from "../learn/run-test.ts";
import { shippedStarter } from "../learn/shipped-starter.ts";
import { applySteps, type SolutionStep } from "../learn/solution-steps.ts";
import type { Verdict } from "../live/live-verdicts.ts";
import type { Exercise } from "../manifest.ts";
import { type DemoProcess, fetchSample, type Sample, startDemo } from "./demo-process.ts";
import { makeScratchCopy, type ScratchCopy } from "./scratch-copy.ts";

/** Where the demo is. */
export type DemoState =
  | { readonly state: "none" }
  | { readonly state: "starting"; readonly command: string }
  | {
      readonly state: "running";
      readonly command: string;
      readonly sample: Sample;
      /** The demo's trace page, where the class follows each request (none for a demo not traced). */
      readonly tracePage: string | undefined;
    }
  | { readonly state: "failed"; readonly command: string; readonly reason: string };

/** The parts of the page that change, and the end of the presentation. */
export type Part = "step" | "verdict" | "demo" | "ended";

/** An exercise's solution, stepped through in a scratch copy. */
export class Presentation {
  readonly exercise: Exercise;
  readonly steps: readonly SolutionStep[];
  readonly #shipped: string;
  readonly #scratch: ScratchCopy;
  readonly #listeners = new Set<(part: Part) => void>();
  #step = 0;
  /** Set when the file changed since the test and the demo last ran. */
  #stale = false;
  #writing: Promise<void> = Promise.resolve();
  #verdict: Verdict = { state: "checking", busy: false };
  #demoState: DemoState = { state: "none" };
  #runner: Promise<ExerciseRunner> | undefined;
  #demo: DemoProcess | undefined;
  #working: Promise<void> | undefined;
  #closed = false;

  private constructor(
    exercise: Exercise,
    steps: SolutionStep[],
    shipped: string,
    scratch: ScratchCopy,
  ) {
    this.exercise = exercise;
    this.steps = steps;
    this.#shipped = shipped;
    this.#scratch = scratch;
  }

  /**
   * Reads the steps (an `OperationError` when git or the reference is missing), copies the
   * checkout, and puts the starter as shipped in the copy: step 0, its test and demo under way.
   * @example const presentation = await Presentation.open(checkout, exercise);
   */
  static async open(checkout: string, exercise: Exercise): Promise<Presentation> {
    const steps = await solution(checkout, exercise);
    const shipped = (await shippedStarter(checkout, exercise.file)).toString("utf8");
    const scratch = await makeScratchCopy(checkout);
    const presentation = new Presentation(exercise, steps, shipped, scratch);
    await presentation.goTo(0);
    return presentation;
  }

  /** The scratch copy's root, where the steps are written and the test and demo run. */
  get folder(): string {
    return this.#scratch.root;
  }

  /** The step shown: 0 for the starter as shipped, up to `steps.length`. */
  get step(): number {
    return this.#step;
  }

  /** The exercise's file in the copy, as it is at this step. */
  get text(): string {
    return applySteps(this.#shipped, this.steps, this.#step);
  }

  get verdict(): Verdict {
    return this.#verdict;
  }

  get demo(): DemoState {
    return this.#demoState;
  }

  /**
   * Calls `listener` with each part that changed, until the returned function is called.
   * @example const stop = presentation.subscribe((part) => channel.send(part, render(part)));
   */
  subscribe(listener: (part: Part) => void): () => void {
    const own = (part: Part) => listener(part);
    this.#listeners.add(own);
    return () => this.#listeners.delete(own);
  }

  /**
   * Writes step `step` into the copy (resolving then), and reruns the test and restarts the demo.
   * @example await presentation.goTo(presentation.step + 1);
   */
  async goTo(step: number): Promise<void> {
    if (!Number.isInteger(step) || step < 0 || step > this.steps.length) {
      throw new RangeError(`${this.exercise.id} has steps 0 to ${this.steps.length}, not ${step}`);
    }
    if (this.#closed) throw new Error("this presentation has ended");
    // One write after another, so the file ends as the last click asked.
    const write = this.#writing.then(async () => {
      await writeFile(this.#file(), applySteps(this.#shipped, this.steps, step));
      this.#step = step;
      this.#tell("step");
    });
    this.#writing = write.catch(() => {});
    await write;
    this.#stale = true;
    this.#working ??= this.#work().finally(() => {
      this.#working = undefined;
    });
  }

  /**
   * Stops the demo and the tests, and deletes the copy.
   * @example await presentation.close();
   */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    await this.#working?.catch(() => {});
    await this.#demo?.stop();
    await (await this.#runner?.catch(() => undefined))?.close();
    await this.#scratch.remove();
    this.#tell("ended");
  }

  /** Runs the test and restarts the demo, once more if the step changed meanwhile. */
  async #work(): Promise<void> {
    while (this.#stale && !this.#closed) {
      this.#stale = false;
      await Promise.all([this.#check(), this.#restartDemo()]);
    }
  }

  async #check(): Promise<void> {
    this.#verdict = { state: "checking", busy: false };
    this.#tell("verdict");
    const { test } = this.exercise;
    try {
      const runner = await this.#testRunner();
      const outcomes = await runner.run([test], {
        onBusy: () => {
          this.#verdict = { state: "checking", busy: true };
          this.#tell("verdict");
        },
      });
      const outcome = outcomes.get(test);
      this.#verdict = outcome
        ? { state: "checked", outcome }
        : { state: "not-run", reason: "the runner gave no outcome" };
    } catch (error) {
      this.#verdict = { state: "not-run", reason: errorText(error) };
    }
    this.#tell("verdict");
  }

  /** The copy's own runner, started on the first check (it runs only this copy's tests). */
  #testRunner(): Promise<ExerciseRunner> {
    const root = this.#scratch.root;
    this.#runner ??= createRunner(root, path.join(root, "starter"));
    return this.#runner;
  }

  async #restartDemo(): Promise<void> {
    const { demo } = this.exercise;
    await this.#demo?.stop();
    this.#demo = undefined;
    if (demo === undefined) {
      this.#demoState = { state: "failed", command: "", reason: "the manifest names no demo" };
      this.#tell("demo");
      return;
    }
    const started = startDemo(this.#scratch.root, demo);
    this.#demo = started;
    const { command } = started;
    this.#demoState = { state: "starting", command };
    this.#tell("demo");
    try {
      const [url, tracePage] = await Promise.all([started.listening, started.tracePage]);
      const sample = await fetchSample(`${url.replace(/\/$/, "")}${demo.path}`);
      this.#demoState = { state: "running", command, sample, tracePage };
    } catch (error) {
      this.#demoState = { state: "failed", command, reason: errorText(error) };
    }
    this.#tell("demo");
  }

  #file(): string {
    return inside(this.#scratch.root, `starter/${this.exercise.file}`);
  }

  #tell(part: Part): void {
    for (const listener of [...this.#listeners]) listener(part);
  }
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
