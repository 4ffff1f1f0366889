/**
 * When to stop starting a worker again: the crash-loop guard.
 *
 * A supervisor replaces a worker that dies, so that one bad request or one
 * leak does not take the site down. But an app that throws as it loads
 * dies in every new worker too, and replacing it for ever only fills the
 * log. So each worker's deaths are counted in a sliding window: 3 within
 * 10 seconds and the supervisor gives up, as systemd does with
 * `StartLimitBurst` and `StartLimitIntervalSec`.
 *
 * @example
 * const limit = new RestartLimit();
 * if (limit.reached()) stopEverything(); // after each death
 */

/** How many deaths within how long make a crash loop. */
export interface RestartLimitOptions {
  /** Defaults to 3. */
  deaths?: number;
  /** In milliseconds; defaults to 10 000. */
  within?: number;
}

/**
 * The deaths of one worker (and of those that replaced it), in a sliding window.
 * @example new RestartLimit({ deaths: 3, within: 10_000 }).reached(); // false: one death
 */
export class RestartLimit {
  readonly deaths: number;
  readonly within: number;
  /** When each recent death happened, oldest first. */
  #times: number[] = [];

  constructor(
    { deaths = 3, within = 10_000 }: RestartLimitOptions = {},
    readonly now: () => number = () => performance.now(),
  ) {
    this.deaths = deaths;
    this.within = within;
  }

  /** Counts a death now; true when it makes `deaths` within `within` ms. */
  reached(): boolean {
    const now = this.now();
    this.#times = this.#times.filter((time) => now - time < this.within);
    this.#times.push(now);
    return this.#times.length >= this.deaths;
  }
}
