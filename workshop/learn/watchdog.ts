/**
 * Telling a loop that never ends from a busy machine, while exercise tests run.
 *
 * A wall-clock deadline cannot tell them apart: on a laptop with a browser,
 * an editor and a video call, a test that takes half a second when idle can
 * take thirty. So the runner listens to each test's heartbeat instead
 * (heartbeat-setup.ts beats from the test's own thread): a slow machine only
 * delays the beats, a loop that never yields stops them.
 *
 * The watchdog counts silence in its own ticks, not by the clock: when the
 * machine is so busy that even this thread's timers run late, fewer ticks
 * pass, and a test is never blamed for the time the machine took away.
 *
 * @example
 * const watchdog = new Watchdog(channelName, {
 *   stuckAfterMs: 10_000, busyAfterMs: 4_000,
 *   onBusy: () => say("still running (the machine is busy)"),
 *   onStuck: (file, thread) => stop(file, thread),
 * });
 * // ... when a test file's result arrives: watchdog.finished(file)
 * watchdog.stop();
 */
import { BroadcastChannel } from "node:worker_threads";

/** What a test's thread says with each beat: "this file's thread is alive". */
export interface Beat {
  /** The test file, as Vitest names it (an absolute path with "/"). */
  readonly file: string;
  /** The thread that runs it, to find where a loop is stuck. */
  readonly thread: number;
}

/** How patient the watchdog is, and whom it tells. */
export interface WatchdogOptions {
  /** A test whose thread has been silent this long (in ticks' worth of ms) is stuck. */
  readonly stuckAfterMs: number;
  /** A run that has finished no test file for this long, with no test stuck, is on a busy machine. */
  readonly busyAfterMs: number;
  /** Called once per run, the first time it has gone `busyAfterMs` without finishing a file. */
  readonly onBusy: () => void;
  /** Called once for each stuck test file, with the thread to look into. */
  readonly onStuck: (file: string, thread: number) => void;
}

/** One tick of the watchdog's own clock, in ms. */
const TICK_MS = 250;

/**
 * Watches one run's heartbeats, from construction until `stop()`.
 *
 * @example
 * const watchdog = new Watchdog("learn-heartbeat-1", options);
 */
export class Watchdog {
  readonly #options: WatchdogOptions;
  readonly #channel: BroadcastChannel;
  readonly #timer: NodeJS.Timeout;
  /** The tick of each running file's last beat, and its thread. */
  readonly #alive = new Map<string, { tick: number; thread: number }>();
  readonly #done = new Set<string>();
  #ticks = 0;
  /** The tick the run started, or last finished a file: how long since it got anywhere. */
  #progress = 0;
  #saidBusy = false;

  constructor(channelName: string, options: WatchdogOptions) {
    this.#options = options;
    this.#channel = new BroadcastChannel(channelName);
    this.#channel.onmessage = (event) => this.#beat((event as { data: Beat }).data);
    this.#timer = setInterval(() => this.#tick(), TICK_MS);
  }

  /** The file's result is in: its thread may now go quiet. */
  finished(file: string): void {
    this.#done.add(file);
    this.#alive.delete(file);
    this.#progress = this.#ticks;
  }

  stop(): void {
    clearInterval(this.#timer);
    this.#channel.close();
  }

  #beat({ file, thread }: Beat): void {
    if (!this.#done.has(file)) this.#alive.set(file, { tick: this.#ticks, thread });
  }

  #tick(): void {
    this.#ticks++;
    const { busyAfterMs, stuckAfterMs, onBusy, onStuck } = this.#options;
    for (const [file, { tick, thread }] of this.#alive) {
      if ((this.#ticks - tick) * TICK_MS < stuckAfterMs) continue;
      this.finished(file);
      onStuck(file, thread);
    }
    const stalled = (this.#ticks - this.#progress) * TICK_MS >= busyAfterMs;
    if (!this.#saidBusy && stalled && this.#allBeating()) {
      this.#saidBusy = true;
      onBusy();
    }
  }

  /**
   * True when no running test has missed a second's worth of beats: only then is it plainly
   * the machine that is slow. (A test whose first beat has not come is still starting: that is
   * the machine too, since the learner's code runs after the heartbeat starts.)
   */
  #allBeating(): boolean {
    return [...this.#alive.values()].every(({ tick }) => (this.#ticks - tick) * TICK_MS <= 1_000);
  }
}
