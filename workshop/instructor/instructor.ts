/**
 * The instructor's mode of a home: at most one exercise presented at a time,
 * and only while its page is open.
 *
 * A presentation starts processes (its demo) and a test runner, so it must
 * not outlive the page that shows it. The page keeps an event stream open;
 * when the last stream closes (the instructor left the page, or closed the
 * laptop's lid), the presentation ends after a short grace, which lets a
 * reload reconnect first. A presentation that no page ever opens (the tab
 * was closed while it started) ends the same way, after a longer grace: the
 * first page load after "Start presenting" may be slow on a busy laptop.
 * Starting another exercise ends the one before, and closing the home ends
 * whatever runs.
 *
 * @example
 * const instructor = new Instructor(checkout);
 * const presentation = await instructor.start(exercise);
 * const leave = instructor.attach(); // a page's stream opened
 * leave();                           // ...and closed: the presentation ends soon after
 */
import { InTurn } from "../in-turn.ts";
import type { Exercise } from "../manifest.ts";
import { Presentation } from "./presentation.ts";

/** How long a presentation waits for a page after the last one left (default 10 s). */
export interface InstructorOptions {
  readonly leaveGraceMs?: number;
}

/** How long a new presentation waits for its first page, at least. */
const FIRST_PAGE_GRACE_MS = 60_000;

/** One home's presentations. */
export class Instructor {
  readonly #checkout: string;
  readonly #graceMs: number;
  #current: Presentation | undefined;
  /** Starts and ends go one at a time, so two clicks never leave two presentations running. */
  readonly #line = new InTurn();
  #pages = 0;
  #leaving: NodeJS.Timeout | undefined;
  #closed = false;

  constructor(checkout: string, options: InstructorOptions = {}) {
    this.#checkout = checkout;
    this.#graceMs = options.leaveGraceMs ?? 10_000;
  }

  /**
   * The presentation of `exercise`, if it is the one running.
   * @example instructor.current(exercise)?.step;
   */
  current(exercise: Exercise): Presentation | undefined {
    return this.#current?.exercise.id === exercise.id ? this.#current : undefined;
  }

  /**
   * Presents `exercise` (the one already running, or a new one after ending any other).
   * @example const presentation = await instructor.start(exercise);
   */
  start(exercise: Exercise): Promise<Presentation> {
    return this.#line.run(async () => {
      if (this.#closed) throw new Error("the home is closing");
      const running = this.current(exercise);
      if (running !== undefined) return running;
      await this.#end();
      this.#current = await Presentation.open(this.#checkout, exercise);
      // Until a page opens its stream, the grace runs as if the last page had left.
      if (this.#pages === 0) this.#armLeaving(Math.max(this.#graceMs, FIRST_PAGE_GRACE_MS));
      return this.#current;
    });
  }

  /**
   * Ends the presentation running, if any: its demo stops and its copy is deleted.
   * @example await instructor.end();
   */
  end(): Promise<void> {
    return this.#line.run(() => this.#end());
  }

  /**
   * Counts a page that shows the presentation; call the returned function when it leaves.
   * @example const leave = instructor.attach(); try { ... } finally { leave(); }
   */
  attach(): () => void {
    this.#pages++;
    clearTimeout(this.#leaving);
    let left = false;
    return () => {
      if (left) return;
      left = true;
      this.#pages--;
      if (this.#pages === 0) this.#armLeaving(this.#graceMs);
    };
  }

  /**
   * Ends what runs, and starts nothing more: the home is closing.
   * @example await instructor.close();
   */
  close(): Promise<void> {
    this.#closed = true;
    return this.end();
  }

  async #end(): Promise<void> {
    clearTimeout(this.#leaving);
    const ending = this.#current;
    this.#current = undefined;
    await ending?.close();
  }

  #armLeaving(graceMs: number): void {
    clearTimeout(this.#leaving);
    this.#leaving = setTimeout(() => void this.end(), graceMs);
  }
}
