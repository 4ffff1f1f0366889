/**
 * Exercise 13-shared-counter: lesson 06's request counter, correct across workers.
 *
 * `new SharedCounter(app, counts)` wraps an app, like lesson 06's
 * `RequestCounter`: each answer gets an `X-Request-Count` header with the
 * number of that request. But under `--workers 2` every worker process
 * builds its own `SharedCounter`, so a count kept in a field counts only
 * that worker's requests: two workers both answer "1", then both "2".
 *
 * `counts` is where every worker counts together (in the demo, a row in
 * PostgreSQL): `await counts.increment("requests")` adds one and answers
 * the new total, whichever process asks.
 *
 * 1. Take the number from `counts`, not from a field. It is a promise:
 *    the app must be `async` and await it before calling startResponse.
 * 2. Keep `app` an arrow function in a property, as in lesson 06.
 *
 * Check it: npm run learn -- check 13-shared-counter
 * Read: lessons/13-many-workers/README.md, "Exercise: one count for every worker".
 */
import type { App } from "../../gateway/types.ts";
import type { Counts } from "../../lessons/13-many-workers/counts.ts";

export class SharedCounter {
  readonly #app: App;
  /** Where every worker counts: the same database for all of them. */
  readonly counts: Counts;

  constructor(app: App, counts: Counts) {
    this.#app = app;
    this.counts = counts;
  }

  readonly app: App = async (environ, startResponse) => {
    // Step: the database counts for every worker; this process only asks it.
    const number = await this.counts.increment("requests");
    return this.#app(environ, (status, headers, excInfo) =>
      startResponse(status, [...headers, ["X-Request-Count", String(number)]], excInfo),
    );
  };
}
