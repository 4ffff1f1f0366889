/**
 * When to stop starting a worker again: the crash-loop guard.
 *
 * A supervisor replaces a worker that dies, so that one bad request or one
 * leak does not take the site down. But an app that throws as it loads
 * dies in every new worker too, and replacing it for ever only fills the
 * log. So each worker's deaths are counted, and the supervisor gives up on
 * the third within 10 seconds, as systemd does with `StartLimitBurst` and
 * `StartLimitIntervalSec`; or on the third in a row of a worker that died
 * before it listened, however long each took to get there: on a slow,
 * busy machine, loading an app can take seconds, and three failed starts
 * may not fit in 10.
 *
 * @example
 * const limit = new RestartLimit();
 * const reason = limit.count(worker.hasListened); // after each death
 * if (reason !== undefined) console.log(`worker 1 died ${reason}`); // "3 times within 10 s"
 */

/** How many deaths within how long make a crash loop. */
export interface RestartLimitOptions {
  /** Defaults to 3. */
  deaths?: number;
  /** In milliseconds; defaults to 10 000. */
  within?: number;
}

/**
 * The deaths of one worker (and of those that replaced it).
 * @example new RestartLimit({ deaths: 3, within: 10_000 }).count(true); // undefined: one death
 */
export class RestartLimit {
  readonly deaths: number;
  readonly within: number;
  /** When each recent death happened, oldest first. */
  #times: number[] = [];
  /** How many deaths in a row came before the worker listened. */
  #beforeListening = 0;

  constructor(
    { deaths = 3, within = 10_000 }: RestartLimitOptions = {},
    readonly now: () => number = () => performance.now(),
  ) {
    this.deaths = deaths;
    this.within = within;
  }

  /**
   * Counts a death now, of a worker that had listened or not; says how it
   * makes one too many ("3 times in a row before it listened", "3 times
   * within 10 s"), or returns undefined when the worker may start again.
   */
  count(listened: boolean): string | undefined {
    const now = this.now();
    this.#times = [...this.#times.filter((time) => now - time < this.within), now];
    this.#beforeListening = listened ? 0 : this.#beforeListening + 1;
    if (this.#beforeListening >= this.deaths) {
      return `${this.deaths} times in a row before it listened`;
    }
    if (this.#times.length >= this.deaths) {
      return `${this.deaths} times within ${this.within / 1000} s`;
    }
    return undefined;
  }
}
