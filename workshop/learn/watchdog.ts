/**
 * Telling a loop that never ends from a busy machine, while exercise tests run.
 *
 * A wall-clock deadline cannot tell them apart: on a laptop with a browser,
 * an editor and a video call, a test that takes half a second when idle can
 * take thirty. So the runner listens to each test's heartbeat instead
 * (heartbeat-setup.ts beats from the test's own thread): a slow machine only
 * delays the beats, a loop that never yields stops them.
 *
 * Silence is counted in the silent thread's own CPU time (thread-cpu.ts):
 * a loop that never yields uses CPU all the while, a thread the machine
 * starves uses little, so a test is never blamed for the time the machine
 * took away. (Counting the watchdog's own ticks was not enough: this thread
 * is mostly idle, and the system wakes an idle thread first, so its ticks
 * kept pace with the clock while a busy test thread waited for a core; on
 * Node 24 at load 25 a test that yielded every 20 ms was called a loop.)
 * Only where the CPU time cannot be had (Node 20 outside Linux) are ticks
 * counted instead.
 *
 * @example
 * const watchdog = new Watchdog(channelName, {
 *   stuckAfterMs: 10_000, busyAfterMs: 4_000,
 *   cpuMs: (beat) => threadCpuMs(threads.worker(beat.thread), beat.osThread),
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
  /** The thread's id in the operating system, where it can be had (Linux): see thread-cpu.ts. */
  readonly osThread?: number;
}

/** How patient the watchdog is, and whom it tells. */
export interface WatchdogOptions {
  /** A test whose thread has used this much CPU time (in ms) since its last beat is stuck. */
  readonly stuckAfterMs: number;
  /** A run that has finished no test file for this long, with no test stuck, is on a busy machine. */
  readonly busyAfterMs: number;
  /** Called once per run, the first time it has gone `busyAfterMs` without finishing a file. */
  readonly onBusy: () => void;
  /** Called once for each stuck test file, with the thread to look into. */
  readonly onStuck: (file: string, thread: number) => void;
  /** The CPU time the beating thread has used, in ms; undefined where it cannot be had, or once the thread has ended. */
  readonly cpuMs?: (beat: Beat) => Promise<number | undefined>;
}

/** A running file's last beat: when (in ticks), and its thread's CPU time then (once measured). */
interface LastBeat {
  readonly beat: Beat;
  readonly tick: number;
  cpuMs?: number;
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
  /** Each running file's last beat. */
  readonly #alive = new Map<string, LastBeat>();
  readonly #done = new Set<string>();
  #ticks = 0;
  /** The tick the run started, or last finished a file: how long since it got anywhere. */
  #progress = 0;
  #saidBusy = false;
  /** A tick's look at the threads' CPU times is under way: the next tick skips its own. */
  #measuring = false;
  /** The threads whose CPU time has been had: undefined for one of these means it has ended. */
  readonly #measured = new Set<number>();
  #stopped = false;

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
    this.#stopped = true;
    clearInterval(this.#timer);
    this.#channel.close();
  }

  #beat(beat: Beat): void {
    if (!this.#done.has(beat.file)) this.#alive.set(beat.file, { beat, tick: this.#ticks });
  }

  #tick(): void {
    this.#ticks++;
    if (!this.#measuring) {
      this.#measuring = true;
      void this.#findStuck().finally(() => {
        this.#measuring = false;
      });
    }
    this.#sayIfBusy();
  }

  /** Calls `onStuck` for each file whose thread has been silent for `stuckAfterMs` of its CPU time. */
  async #findStuck(): Promise<void> {
    const { stuckAfterMs, onStuck, cpuMs } = this.#options;
    for (const [file, last] of [...this.#alive]) {
      const now = await cpuMs?.(last.beat);
      // The file finished, or its thread beat, while its CPU time was being read.
      if (this.#stopped) return;
      if (this.#alive.get(file) !== last) continue;
      if (now !== undefined) {
        this.#measured.add(last.beat.thread);
        last.cpuMs ??= now;
      } else if (this.#measured.has(last.beat.thread)) {
        // The thread has ended, and an ended thread loops no more: its file's result is on
        // its way (slowly, on a busy machine). Nor is it silent: the machine may be busy.
        this.#alive.delete(file);
        continue;
      }
      const silentMs =
        now === undefined || last.cpuMs === undefined
          ? (this.#ticks - last.tick) * TICK_MS
          : now - last.cpuMs;
      if (silentMs < stuckAfterMs) continue;
      this.finished(file);
      onStuck(file, last.beat.thread);
    }
  }

  #sayIfBusy(): void {
    const { busyAfterMs, onBusy } = this.#options;
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
