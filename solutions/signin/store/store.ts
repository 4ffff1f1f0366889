/**
 * The sign-in app's state, in one place: the users, the server-side
 * sessions, and the rate limiter's counts, behind one async interface.
 *
 * Two stores implement it, and the app cannot tell them apart:
 * - `SqliteStore` (sqlite-store.ts): one file in the data folder, no server
 *   to run. The default.
 * - `PostgresStore` (postgres-store.ts): a PostgreSQL server, when
 *   `DATABASE_URL` names one (or an embedded one, `--postgres`), so that
 *   several worker processes, even on several machines, share one state.
 *
 * Why the counts are here too: with two worker processes, counts kept in
 * each process's memory would let through twice the tries. Kept in the
 * database, every worker counts in the same place.
 *
 * Every method answers with a promise, even SQLite's, whose answers are
 * ready at once: a server on the network answers later, and the app is
 * written once for both. A database that cannot be reached becomes a `503
 * Service Unavailable` with a message (`databaseUnavailable`), never a crash:
 * the next request tries again.
 *
 * @example
 * const store = await openStore(config);
 * const app = createApp({ store, sessionKeys: config.sessionKeys });
 * // at the end: await store.close();
 */
import { HttpError } from "../../../gateway/kit/http-errors.ts";
import type { SessionStore } from "../../../gateway/kit/sessions/index.ts";
import type { Users } from "../users.ts";

/**
 * Everything the app keeps, and how to let go of it.
 * @example const { users, sessions, limits } = store;
 */
export interface SigninStore {
  readonly users: Users;
  readonly sessions: SessionStore;
  readonly limits: LimitStore;
  /** Where the data is, in words, for the start-up line: a file, or a server and a schema. */
  readonly where: string;
  /**
   * Resolves once the database answers and has the current schema (a store
   * brings its schema up to date on first use). Rejects with the reason
   * when it cannot: a server that starts calls it to fail at once, clearly.
   * @example await store.ready();
   */
  ready(): Promise<void>;
  /** Closes the connections; the store cannot be used after. @example await store.close(); */
  close(): Promise<void>;
}

/**
 * Which rate limiter's counts, for which key, at what time.
 * @example const at: LimitKey = { limiter: "signups", key: "192.0.2.1", now: Date.now(), maxKeys: 100_000 };
 */
export interface LimitKey {
  limiter: string;
  key: string;
  /** Milliseconds since 1970: counts that expired before this are gone. */
  now: number;
  /** Keys this limiter keeps at most: past it, the ones closest to expiring go first. */
  maxKeys: number;
}

/**
 * What a limiter decides from a key's hits: the hits to keep (none: the
 * key is forgotten), when they all expire, and what to answer.
 * @example const decision: LimitChange<number> = { hits: [...hits, now], expiresAt: now + windowMs, result: 0 };
 */
export interface LimitChange<Result> {
  hits: number[];
  expiresAt: number;
  result: Result;
}

/**
 * The rate limiters' counts: per limiter and key, the times of recent hits.
 * @example const wait = await limits.update(at, (hits) => decide(hits));
 */
export interface LimitStore {
  /**
   * Reads the key's hit times (none if they expired), lets `change` decide,
   * and keeps what it returns, as one step that no other request, in this
   * process or another, can come between; answers `change`'s result.
   * `change` must be quick and must not wait for anything: the key is
   * locked while it runs.
   * @example await limits.update(at, (hits) => ({ hits: [...hits, at.now], expiresAt, result: 0 }));
   */
  update<Result>(at: LimitKey, change: (hits: number[]) => LimitChange<Result>): Promise<Result>;
}

/** Seconds a client is asked to wait before trying again when the database is down. */
const RETRY_AFTER = 5;

/**
 * The 503 answer for a database that cannot be reached; `cause` goes to the log.
 * @example throw databaseUnavailable(error);
 */
export function databaseUnavailable(cause: unknown): HttpError {
  return new HttpError(503, {
    detail:
      `The sign-in database is not answering just now. Try again in ${RETRY_AFTER} seconds; ` +
      "if it goes on, the server's terminal says why.",
    headers: [["Retry-After", String(RETRY_AFTER)]],
    cause,
  });
}
