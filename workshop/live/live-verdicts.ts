/**
 * An exercise's verdict, kept current while a page shows it.
 *
 * When the first page of an exercise opens, its test runs; after that it
 * runs again each time the learner saves a file under `starter/` (any file:
 * an exercise may lean on another one), as in `npm run learn`. Saves that
 * come while the test runs make one more run, not one each. Two pages of
 * the same exercise share the runs. When the last page closes, nothing
 * runs any more. The test runs on the runner the home was given: the
 * checkout's shared runner, so `npm run learn` and the home never start two.
 *
 * @example
 * const verdicts = new LiveVerdicts(runner, new SaveFeed(tree));
 * const stop = verdicts.watch(exercise, (verdict) => show(verdict));
 * stop(); // the page left
 */
import type { ExerciseRunner, TestOutcome } from "../learn/run-test.ts";
import type { Exercise } from "../manifest.ts";
import type { SaveFeed } from "./save-feed.ts";

/** What a page shows of an exercise's test. */
export type Verdict =
  | { readonly state: "checking"; readonly busy: boolean }
  | { readonly state: "checked"; readonly outcome: TestOutcome }
  | { readonly state: "not-run"; readonly reason: string };

type Listener = (verdict: Verdict) => void;

/** The verdicts of the exercises some page shows. */
export class LiveVerdicts {
  readonly #runner: ExerciseRunner;
  readonly #feed: SaveFeed;
  readonly #watched = new Map<string, Watched>();

  constructor(runner: ExerciseRunner, feed: SaveFeed) {
    this.#runner = runner;
    this.#feed = feed;
  }

  /**
   * Tells `listener` the exercise's verdict now and at every change, until the returned
   * function is called.
   * @example const stop = verdicts.watch(exercise, (verdict) => channel.send("verdict", view(verdict)));
   */
  watch(exercise: Exercise, listener: Listener): () => void {
    const watched = this.#watched.get(exercise.id) ?? this.#startWatching(exercise);
    const stop = watched.listen(listener);
    return () => {
      if (stop() > 0) return;
      watched.unsubscribe();
      this.#watched.delete(exercise.id);
    };
  }

  /** The first page of an exercise: its test runs now, and again at each save. */
  #startWatching(exercise: Exercise): Watched {
    const watched = new Watched(exercise, this.#runner);
    watched.unsubscribe = this.#feed.subscribe(() => void watched.check());
    this.#watched.set(exercise.id, watched);
    void watched.check();
    return watched;
  }
}

/** One exercise's runs, and who hears of them. */
class Watched {
  readonly #exercise: Exercise;
  readonly #runner: ExerciseRunner;
  readonly #listeners = new Set<Listener>();
  #latest: Verdict = { state: "checking", busy: false };
  #running = false;
  #again = false;
  unsubscribe: () => void = () => {};

  constructor(exercise: Exercise, runner: ExerciseRunner) {
    this.#exercise = exercise;
    this.#runner = runner;
  }

  /** Adds a listener, which hears the latest verdict at once; the returned function removes it and says how many are left. */
  listen(listener: Listener): () => number {
    // A wrapper of its own: one function listening twice is two listeners, removed one at a time.
    const own: Listener = (verdict) => listener(verdict);
    this.#listeners.add(own);
    own(this.#latest);
    return () => {
      this.#listeners.delete(own);
      return this.#listeners.size;
    };
  }

  /** Runs the test, or once more after the run under way when one is. */
  async check(): Promise<void> {
    if (this.#running) {
      this.#again = true;
      return;
    }
    this.#running = true;
    do {
      this.#again = false;
      await this.#runOnce();
    } while (this.#again && this.#listeners.size > 0);
    this.#running = false;
  }

  async #runOnce(): Promise<void> {
    const { test } = this.#exercise;
    this.#tell({ state: "checking", busy: false });
    try {
      const outcomes = await this.#runner.run([test], {
        onBusy: () => this.#tell({ state: "checking", busy: true }),
      });
      const outcome = outcomes.get(test);
      this.#tell(
        outcome === undefined
          ? { state: "not-run", reason: "the runner gave no outcome for its test" }
          : { state: "checked", outcome },
      );
    } catch (error) {
      this.#tell({
        state: "not-run",
        reason: error instanceof Error ? error.message : String(error),
      });
    }
  }

  #tell(verdict: Verdict): void {
    this.#latest = verdict;
    for (const listener of [...this.#listeners]) listener(verdict);
  }
}
