/**
 * Counts that every worker shares: kept in PostgreSQL, not in a process.
 *
 * Lesson 06's counter keeps its count in a field: each worker process has
 * its own copy of that field, so with two workers there are two counts,
 * and neither is the number of requests. Here the count is a row in one
 * database, and adding one to it is one SQL statement: PostgreSQL runs
 * statements on one row one after another, so no update is lost, however
 * many workers ask at once (lesson 06's read-then-write race cannot happen
 * inside one statement).
 *
 * A database that cannot be reached gives a `503 Service Unavailable`
 * with a message, never a crash: the worker lives on, and the next request
 * tries again.
 *
 * @example
 * const counts = new PostgresCounts(process.env.DATABASE_URL!);
 * await counts.ready();
 * await counts.increment("requests"); // 1, then 2, ... across every worker
 */
import pg from "pg";
import { HttpError } from "../../gateway/kit/http-errors.ts";

/**
 * Somewhere to count: `increment` adds one and answers the new count.
 * @example const n = await counts.increment("requests");
 */
export interface Counts {
  increment(name: string): Promise<number>;
}

// #region schema
/** The table, made if missing: one row per counter. */
const SCHEMA = `CREATE TABLE IF NOT EXISTS counters (
                  name text PRIMARY KEY,
                  value bigint NOT NULL
                )`;
// #endregion schema

// #region increment
/**
 * One statement: insert the row at 1, or add one to it, and answer the
 * value. Two workers running it at once take turns on the row.
 */
const INCREMENT = `INSERT INTO counters (name, value) VALUES ($1, 1)
                   ON CONFLICT (name) DO UPDATE SET value = counters.value + 1
                   RETURNING value`;
// #endregion increment

/**
 * Counts in the `counters` table of the PostgreSQL server at `url`.
 * @example const counts = new PostgresCounts("postgres://postgres@127.0.0.1:5432/postgres");
 */
export class PostgresCounts implements Counts {
  readonly #pool: pg.Pool;

  constructor(url: string) {
    this.#pool = new pg.Pool({ connectionString: url, max: 4, connectionTimeoutMillis: 5_000 });
    // A connection that breaks while idle (the server restarted) is dropped, not fatal.
    this.#pool.on("error", () => {});
  }

  /** Makes the table if it is missing. @example await counts.ready(); */
  async ready(): Promise<void> {
    await this.#pool.query(SCHEMA);
  }

  async increment(name: string): Promise<number> {
    try {
      const { rows } = await this.#pool.query<{ value: string }>(INCREMENT, [name]);
      // bigint arrives as a string: JavaScript numbers are exact only up to 2^53.
      return Number(rows[0]?.value);
    } catch (error) {
      throw new HttpError(503, {
        // The reason goes to the server's log (httpErrors logs a 5xx with its cause), not to the page.
        detail: "The counters' database is not answering. Try again in a moment.",
        headers: [["Retry-After", "2"]],
        cause: error,
      });
    }
  }

  /** Closes the connections. @example await counts.close(); */
  close(): Promise<void> {
    return this.#pool.end();
  }
}
