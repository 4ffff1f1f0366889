/**
 * Sessions kept in the app's database: the `SessionStore` the kit's
 * `sessions()` middleware writes to, in the `sessions` table.
 *
 * The cookie carries only a signed id; the values stay here, on the server.
 * That is what makes sign-out final: the row is deleted, and a copy of the
 * old cookie then names nothing. Sessions survive a restart, since they are
 * in the same file as the users.
 *
 * Each row has its expiry time. An expired row is never handed out, and
 * every write deletes the rows that have expired (the `expires_at` index
 * finds them without reading the others), so the table holds no more than
 * the sessions alive. A flood of new visitors could still fill the disk
 * before they expire, so the table is also capped: past `maxSessions`, the
 * rows closest to expiring go first, as in the kit's `MemoryStore`, but
 * only visitors' rows. Anyone can make a visitor's session by opening a
 * form; a signed-in user's takes a password, so a flood of visits never
 * pushes a user out (which would sign them out).
 *
 * @example
 * const db = openDatabase(config.dataDir);
 * const app = sessions({ keys: config.sessionKeys, store: new SqliteSessionStore(db) })(site);
 */
import type { Statement } from "better-sqlite3";
import type { SessionData, SessionStore } from "../../gateway/kit/sessions/index.ts";
import type { Database } from "./database.ts";
import { USER_ID } from "./session-user.ts";

/**
 * Options for the store.
 * @example const options: SqliteSessionStoreOptions = { maxSessions: 1000 };
 */
export interface SqliteSessionStoreOptions {
  /** Rows kept at most (default 100 000); signed-in users' rows are never the ones dropped. */
  maxSessions?: number;
  /** The clock, in milliseconds since 1970; tests pass their own. Default `Date.now`. */
  now?: () => number;
}

/**
 * A `SessionStore` in the `sessions` table.
 * @example new SqliteSessionStore(db, { maxSessions: 1000 })
 */
export class SqliteSessionStore implements SessionStore {
  readonly #select: Statement<[string, number], { data: string }>;
  readonly #delete: Statement<[string]>;
  readonly #write: (id: string, json: string, expiresAt: number) => void;
  readonly #now: () => number;

  constructor(db: Database, options: SqliteSessionStoreOptions = {}) {
    const maxSessions = options.maxSessions ?? 100_000;
    if (!Number.isSafeInteger(maxSessions) || maxSessions < 1) {
      throw new TypeError(
        `SqliteSessionStore: maxSessions is a whole number of at least 1, not ${maxSessions}`,
      );
    }
    this.#now = options.now ?? Date.now;
    this.#select = db.prepare("SELECT data FROM sessions WHERE id = ? AND expires_at > ?");
    this.#delete = db.prepare("DELETE FROM sessions WHERE id = ?");
    const upsert = db.prepare<[string, string, number]>(
      `INSERT INTO sessions (id, data, expires_at) VALUES (?, ?, ?)
       ON CONFLICT (id) DO UPDATE SET data = excluded.data, expires_at = excluded.expires_at`,
    );
    const pruneExpired = db.prepare<[number]>("DELETE FROM sessions WHERE expires_at <= ?");
    // Walks the expiry index from the oldest, skipping signed-in users' rows.
    const pruneOverflow = db.prepare<[string, number]>(
      `DELETE FROM sessions WHERE id IN (
         SELECT id FROM sessions WHERE json_extract(data, ?) IS NULL ORDER BY expires_at
         LIMIT max(0, (SELECT count(*) FROM sessions) - ?))`,
    );
    // One transaction: one commit (one fsync) for the write and the clean-up together.
    this.#write = db.transaction((id: string, json: string, expiresAt: number) => {
      pruneExpired.run(this.#now());
      upsert.run(id, json, expiresAt);
      pruneOverflow.run(`$.${USER_ID}`, maxSessions);
    });
  }

  /** The session's values, or `undefined` if unknown or expired. @example await store.get(id) */
  async get(id: string): Promise<SessionData | undefined> {
    const row = this.#select.get(id, this.#now());
    return row === undefined ? undefined : (JSON.parse(row.data) as SessionData);
  }

  /** @example await store.set(id, { userId: 1 }, Date.now() + 3_600_000) */
  async set(id: string, data: SessionData, expiresAt: number): Promise<void> {
    this.#write(id, JSON.stringify(data), expiresAt);
  }

  /** @example await store.delete(id) */
  async delete(id: string): Promise<void> {
    this.#delete.run(id);
  }
}
