/**
 * The watch mode of `npm run learn`: the learner's loop, as in rustlings.
 *
 * It checks every exercise once, shows the first unsolved one (title, task,
 * test result), reruns its test whenever a file under `starter/` is saved,
 * and moves on when it passes. Keys: `h` the next hint, `s` the next step of
 * the reference solution, `l` the list, `r` rerun, `q` (or Ctrl-C) quit.
 * Progress comes from the test results alone, so the header's count and the
 * list always agree; "solved!" is said only of an exercise this session saw
 * fail and then pass. While tests run on a busy machine, the screen says so.
 *
 * Input and output are parameters, so tests drive it with plain streams; on a
 * terminal the input goes to raw mode (one key at a time) and is always
 * restored on the way out.
 *
 * @example
 * await watchExercises({ exercises, runner, tree, input: process.stdin,
 *   output: process.stdout, paint: createPaint(true), clearScreen: true });
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { emitKeypressEvents } from "node:readline";
import type { Exercise } from "../manifest.ts";
import { exerciseForFile } from "../manifest.ts";
import type { Watcher } from "./file-watch.ts";
import { watchTree } from "./file-watch.ts";
import { solution } from "./operations.ts";
import { checkExercises, firstUnsolved, isSolved } from "./progress.ts";
import type { Paint } from "./render.ts";
import { checkingLine, renderAllSolved, renderExercise, renderList } from "./render.ts";
import { renderStepBody } from "./render-operations.ts";
import type { ExerciseRunner, TestOutcome } from "./run-test.ts";
import { taskOf } from "./task.ts";

/** Where keys come from: a terminal's stdin, or any stream in tests. */
export type KeyInput = NodeJS.ReadableStream & {
  readonly isTTY?: boolean;
  setRawMode?: (raw: boolean) => unknown;
};

/** Everything the watch mode needs. */
export interface WatchSessionOptions {
  /** The checkout's root: the solution's steps are read from there. */
  readonly root: string;
  readonly exercises: readonly Exercise[];
  readonly runner: ExerciseRunner;
  /** The learner's tree (absolute): `<root>/starter`. */
  readonly tree: string;
  readonly input: KeyInput;
  readonly output: NodeJS.WritableStream;
  readonly paint: Paint;
  /** Clear the terminal before each screen (on a terminal, not in a pipe). */
  readonly clearScreen: boolean;
  /** Quits when aborted (the CLI aborts on SIGINT). */
  readonly signal?: AbortSignal;
  /** How saves are noticed (default: watching the tree). */
  readonly watch?: (onChange: (files: string[]) => void) => Watcher;
}

const clear = "\x1b[H\x1b[2J\x1b[3J";

/**
 * Runs the watch mode until the learner quits (q, Ctrl-C, the end of input, or `signal`).
 *
 * @example
 * await watchExercises({ ...options, input: process.stdin, output: process.stdout });
 */
export async function watchExercises(options: WatchSessionOptions): Promise<void> {
  await new WatchSession(options).run();
}

class WatchSession {
  readonly #options: WatchSessionOptions;
  readonly #results = new Map<string, TestOutcome>();
  /** Exercises this session has seen fail: only these can be announced as solved. */
  readonly #failed = new Set<string>();
  #current: Exercise | undefined;
  #hintsShown = 0;
  /** The solution's steps shown so far, rendered, for the current exercise. */
  #steps: string[] = [];
  #banner: string | undefined;
  #view: "exercise" | "list" = "exercise";
  #checking = false;
  #busy = false;
  #started = false;
  #quitting = false;
  #quit: () => void = () => {};
  #queue: Promise<void> = Promise.resolve();
  readonly #saved = new Set<string>();

  constructor(options: WatchSessionOptions) {
    this.#options = options;
  }

  async run(): Promise<void> {
    const quit = new Promise<void>((resolve) => {
      this.#quit = resolve;
    });
    const stopKeys = this.#listenToKeys();
    const { signal, tree } = this.#options;
    const onAbort = () => this.#stop();
    signal?.addEventListener("abort", onAbort);
    const watch = this.#options.watch ?? ((onChange) => watchTree(tree, onChange));
    let watcher: Watcher | undefined;
    try {
      watcher = watch((files) => this.#onSave(files));
      this.#enqueue(() => this.#checkAll());
      if (signal?.aborted) this.#stop();
      await quit;
    } finally {
      signal?.removeEventListener("abort", onAbort);
      watcher?.close();
      stopKeys();
      // Let a run in progress finish, so the caller can close the runner safely.
      await this.#queue;
    }
  }

  #listenToKeys(): () => void {
    const { input } = this.#options;
    emitKeypressEvents(input);
    const raw = input.isTTY === true && input.setRawMode !== undefined;
    if (raw) input.setRawMode?.(true);
    const onKey = (text: string | undefined, key: { name?: string; ctrl?: boolean } | undefined) =>
      this.#onKey(key?.name ?? text ?? "", key?.ctrl === true);
    const onEnd = () => this.#stop();
    input.on("keypress", onKey);
    input.on("end", onEnd);
    input.resume();
    return () => {
      input.off("keypress", onKey);
      input.off("end", onEnd);
      if (raw) input.setRawMode?.(false);
      input.pause();
    };
  }

  #onKey(name: string, ctrl: boolean): void {
    if (name === "q" || (ctrl && (name === "c" || name === "d"))) {
      this.#stop();
    } else if (this.#view === "list") {
      // In the list, any key goes back to the exercise.
      this.#view = "exercise";
      this.#render();
    } else if (name === "h") {
      this.#hintsShown = Math.min(this.#hintsShown + 1, this.#current?.hints.length ?? 0);
      this.#render();
    } else if (name === "s") {
      void this.#showNextStep();
    } else if (name === "l") {
      this.#view = "list";
      this.#render();
    } else if (name === "r") {
      if (this.#started) this.#onSave([]);
      else this.#enqueue(() => this.#checkAll());
    }
  }

  #onSave(files: string[]): void {
    const alreadyQueued = this.#saved.size > 0;
    for (const file of files) this.#saved.add(file);
    if (files.length === 0) this.#saved.add("");
    if (alreadyQueued) return;
    this.#enqueue(async () => {
      const saved = [...this.#saved];
      this.#saved.clear();
      await this.#recheck(saved);
    });
  }

  #enqueue(task: () => Promise<void>): void {
    const { paint } = this.#options;
    this.#queue = this.#queue
      .then(() => (this.#quitting ? undefined : task()))
      .catch((error: unknown) => {
        this.#checking = false;
        const reason = error instanceof Error ? error.message : String(error);
        this.#banner = paint.red(`✗ The test run failed: ${reason}`);
        this.#render();
      });
  }

  async #checkAll(): Promise<void> {
    await this.#check(this.#options.exercises, () => this.#render());
    this.#started = true;
    this.#current = firstUnsolved(this.#options.exercises, this.#results);
    this.#render();
  }

  /** Reruns the current exercise and those whose files were saved, then moves on if solved. */
  async #recheck(files: string[]): Promise<void> {
    const { exercises } = this.#options;
    const owners = files.flatMap((file) => exerciseForFile(file, exercises) ?? []);
    const targets = new Set([...(this.#current ? [this.#current] : []), ...owners]);
    const checked = targets.size === 0 ? exercises : [...targets];
    this.#banner = undefined;
    await this.#check(checked);
    await this.#settle(new Set(checked.map((exercise) => exercise.id)));
    this.#render();
  }

  /** Makes the current exercise the first unsolved one, rechecking any candidate not just run. */
  async #settle(fresh: Set<string>): Promise<void> {
    const { exercises } = this.#options;
    for (;;) {
      const next = firstUnsolved(exercises, this.#results);
      if (next === this.#current) return;
      const previous = this.#current;
      if (
        previous !== undefined &&
        this.#failed.has(previous.id) &&
        isSolved(previous, this.#results)
      ) {
        const then = next === undefined ? "" : ` Next: ${next.id}.`;
        this.#banner = this.#options.paint.green(`✓ ${previous.id} solved!${then}`);
      }
      this.#current = next;
      this.#hintsShown = 0;
      this.#steps = [];
      if (next === undefined || fresh.has(next.id)) return;
      fresh.add(next.id);
      await this.#check([next]);
    }
  }

  /** Runs the tests; `onEach` hears each exercise's outcome as it comes. */
  async #check(list: readonly Exercise[], onEach: () => void = () => {}): Promise<void> {
    this.#checking = true;
    this.#busy = false;
    this.#render();
    const record = (id: string, outcome: TestOutcome) => {
      this.#results.set(id, outcome);
      if (!outcome.passed) this.#failed.add(id);
    };
    const outcomes = await checkExercises(this.#options.runner, list, {
      onOutcome: (test, outcome) => {
        for (const exercise of list) if (exercise.test === test) record(exercise.id, outcome);
        onEach();
      },
      onBusy: () => {
        this.#busy = true;
        this.#render();
      },
    });
    for (const [id, outcome] of outcomes) record(id, outcome);
    this.#checking = false;
  }

  /** Reveals one more step of the current exercise's reference solution. */
  async #showNextStep(): Promise<void> {
    const exercise = this.#current;
    if (exercise === undefined) return;
    try {
      const steps = await solution(this.#options.root, exercise);
      const next = steps[this.#steps.length];
      if (next === undefined || exercise !== this.#current) return;
      this.#steps.push(renderStepBody(exercise, next, this.#options.paint));
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      this.#steps = [this.#options.paint.yellow(`No solution steps: ${reason}.`)];
    }
    this.#render();
  }

  #render(): void {
    if (this.#quitting) return;
    const { output, clearScreen } = this.#options;
    output.write((clearScreen ? clear : "") + this.#screen());
  }

  #screen(): string {
    const { exercises, paint } = this.#options;
    if (!this.#started) {
      if (!this.#checking) return `${this.#banner ?? ""}\n${paint.dim("r retries · q quits")}\n`;
      const done = exercises.filter((exercise) => this.#results.has(exercise.id)).length;
      return `${checkingLine(this.#busy, `your exercises (${done}/${exercises.length})`)}\n`;
    }
    if (this.#view === "list") {
      const list = renderList(exercises, this.#results, { paint, current: this.#current?.id });
      return `${list}\n${paint.dim("Any key goes back · q quits")}\n`;
    }
    if (this.#current === undefined) return renderAllSolved(exercises, this.#results, paint);
    return renderExercise(
      {
        exercise: this.#current,
        list: exercises,
        results: this.#results,
        task: this.#task(this.#current),
        hintsShown: this.#hintsShown,
        steps: this.#steps,
        checking: this.#checking,
        busy: this.#busy,
        ...(this.#banner !== undefined && { banner: this.#banner }),
      },
      paint,
    );
  }

  #task(exercise: Exercise): string {
    try {
      return taskOf(readFileSync(path.join(this.#options.tree, exercise.file), "utf8"));
    } catch {
      // Not `git checkout -- starter`, which would throw away the learner's other exercises too.
      return `starter/${exercise.file} is missing: npm run learn -- reset ${exercise.id} puts it back as shipped.`;
    }
  }

  #stop(): void {
    if (this.#quitting) return;
    this.#quitting = true;
    this.#options.output.write("\nBye! Run npm run learn to pick up where you left off.\n");
    this.#quit();
  }
}
