/**
 * The store in one SQLite file, `<data folder>/signin.db`, opened with
 * better-sqlite3: the default, with nothing to install or run.
 *
 * SQLite keeps the whole database in one file, needs no server, and is
 * safe to share between processes (several workers open the same file);
 * better-sqlite3 calls it synchronously, which suits a database on the same
 * disk (each query is microseconds). The methods still answer with
 * promises, as `SigninStore` says, so the app is the same on PostgreSQL.
 *
 * Each query is a prepared statement with the values passed as parameters:
 * a name like `x' OR '1'='1` is only ever a name, never SQL.
 *
 * @example
 * const store = await openSqliteStore(config.dataDir);
 * await store.users.add("ada", hash);
 * await store.close();
 */
import path from "node:path";
import { CliError } from "../../../gateway/cli/cli-error.ts";
import type { SessionData, SessionStore } from "../../../gateway/kit/sessions/index.ts";
import { ensureDataDir } from "../config.ts";
import { USER_ID } from "../session-user.ts";
import {
  isNobodysName,
  nobodysName,
  normalizeUsername,
  type UserRecord,
  type Users,
} from "../users.ts";
import { migrate, type SchemaSession } from "./migrations.ts";
import { BetterSqlite3, type Database } from "./sqlite-driver.ts";
import {
  databaseUnavailable,
  type LimitChange,
  type LimitKey,
  type LimitStore,
  type SigninStore,
} from "./store.ts";

/** The file's name inside the data folder. */
export const DATABASE_FILE = "signin.db";

/**
 * Options for both stores; tests pass a clock and small bounds.
 * @example const options: StoreOptions = { maxSessions: 1000 };
 */
export interface StoreOptions {
  /** Session rows kept at most (default 100 000); signed-in users' rows are never the ones dropped. */
  maxSessions?: number;
  /** The sessions' clock, in milliseconds since 1970. Default `Date.now`. */
  now?: () => number;
}

/**
 * Opens (creating if needed) the data folder's database, upgraded to the
 * current schema. Throws a `CliError` naming the file when it cannot be
 * opened or is too new.
 * @example const store = await openSqliteStore("/home/me/workshop/data/signin-starter");
 */
export async function openSqliteStore(
  dataDir: string,
  options: StoreOptions = {},
): Promise<SqliteStore> {
  ensureDataDir(dataDir);
  const file = path.join(dataDir, DATABASE_FILE);
  const db = connect(file);
  try {
    await migrate(sqliteSchema(db), "sqlite", `the database ${file}`);
    return new SqliteStore(db, file, options);
  } catch (error) {
    db.close();
    throw error;
  }
}

function connect(file: string): Database {
  let db: Database | undefined;
  try {
    db = new BetterSqlite3(file);
    // Another process holding the write lock (another worker, the sqlite3 shell) is waited for.
    db.pragma("busy_timeout = 5000");
    // WAL: a commit appends to signin.db-wal, and readers keep reading while a writer writes.
    db.pragma("journal_mode = WAL");
    // A sign-up that was answered must never be lost. In WAL mode a commit has
    // written its pages to the -wal file before run() returns, so the data is
    // in the operating system's hands: a killed process (SIGKILL, a crash)
    // loses nothing even with synchronous=NORMAL. NORMAL would still lose the
    // last commits if the machine itself stopped (power cut, kernel panic)
    // before the OS wrote them out. FULL adds an fsync at each commit, which
    // closes that gap too; it costs a few milliseconds per write, next to the
    // ~0.4 s a sign-up already spends hashing its password. So: FULL.
    db.pragma("synchronous = FULL");
    db.pragma("foreign_keys = ON");
    return db;
  } catch (error) {
    db?.close();
    throw new CliError(
      `cannot open the database ${file}: ${(error as Error).message}. ` +
        "If that file is not the app's database, move it away, or choose another data folder " +
        "with --data DIR or SIGNIN_DATA=DIR.",
    );
  }
}

/**
 * The migration runner's view of an SQLite file. BEGIN IMMEDIATE takes the
 * write lock before the version is read; the version is the file's
 * `user_version`. (PRAGMA takes no parameters; the version is a number of
 * our own making.)
 */
function sqliteSchema(db: Database): SchemaSession {
  return {
    begin: async () => void db.exec("BEGIN IMMEDIATE"),
    version: async () => db.pragma("user_version", { simple: true }) as number,
    apply: async (sql, version) => {
      db.exec(sql);
      db.pragma(`user_version = ${version}`);
    },
    commit: async () => void db.exec("COMMIT"),
    rollback: async () => void db.exec("ROLLBACK"),
  };
}

/** The columns of a `UserRecord`, named as its properties. */
const USER_COLUMNS = "id, username, password_hash AS passwordHash, created_at AS createdAt";

/**
 * The store on an open, migrated SQLite database.
 * @example const store = new SqliteStore(db, file);
 */
export class SqliteStore implements SigninStore {
  readonly users: Users;
  readonly sessions: SessionStore;
  readonly limits: LimitStore;
  readonly where: string;
  /**
   * The rate limits' own connection to the file, with synchronous=NORMAL:
   * a count need not survive a power cut (it would only give a guesser a
   * few more tries), and skipping the fsync makes a sign-in's five counting
   * steps cost a fraction of a millisecond each instead of a few.
   */
  readonly #counts: Database;

  constructor(
    readonly db: Database,
    file: string,
    options: StoreOptions = {},
  ) {
    this.where = file;
    this.users = sqliteUsers(db);
    this.sessions = sqliteSessions(db, options);
    this.#counts = connect(file);
    this.#counts.pragma("synchronous = NORMAL");
    this.limits = sqliteLimits(this.#counts);
  }

  /** Always ready: the file was opened and migrated before the store was made. */
  async ready(): Promise<void> {}

  /** Closing checkpoints the write-ahead log into signin.db, leaving one tidy file. */
  async close(): Promise<void> {
    this.#counts.close();
    this.db.close();
  }
}

function sqliteUsers(db: Database): Users {
  // ON CONFLICT DO NOTHING: a name that is taken inserts no row, and RETURNING returns none.
  // The check and the insert are one statement, so two sign-ups for one name cannot both win.
  const insert = db.prepare<[string, string], UserRecord>(
    `INSERT INTO users (username, password_hash) VALUES (?, ?)
     ON CONFLICT (username) DO NOTHING
     RETURNING ${USER_COLUMNS}`,
  );
  const byUsername = db.prepare<[string], UserRecord>(
    `SELECT ${USER_COLUMNS} FROM users WHERE username = ?`,
  );
  const byId = db.prepare<[number], UserRecord>(`SELECT ${USER_COLUMNS} FROM users WHERE id = ?`);
  return {
    async add(username, passwordHash) {
      if (isNobodysName(username)) throw nobodysName();
      return whenFree(() => insert.get(normalizeUsername(username), passwordHash));
    },
    async byUsername(username) {
      if (isNobodysName(username)) return undefined;
      return whenFree(() => byUsername.get(normalizeUsername(username)));
    },
    async byId(id) {
      return whenFree(() => byId.get(id));
    },
  };
}

/**
 * Sessions in the `sessions` table. Each row has its expiry time: an
 * expired row is never handed out, and every write deletes the rows that
 * have expired (the `expires_at` index finds them without reading the
 * others). A flood of new visitors could still fill the disk before they
 * expire, so the table is also capped: past `maxSessions`, the rows closest
 * to expiring go first, but only visitors' rows. Anyone can make a
 * visitor's session by opening a form; a signed-in user's takes a password,
 * so a flood of visits never pushes a user out (which would sign them out).
 */
function sqliteSessions(db: Database, options: StoreOptions): SessionStore {
  const maxSessions = checkedMaxSessions(options.maxSessions);
  const now = options.now ?? Date.now;
  const select = db.prepare<[string, number], { data: string }>(
    "SELECT data FROM sessions WHERE id = ? AND expires_at > ?",
  );
  const remove = db.prepare<[string]>("DELETE FROM sessions WHERE id = ?");
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
  const write = db.transaction((id: string, json: string, expiresAt: number) => {
    pruneExpired.run(now());
    upsert.run(id, json, expiresAt);
    pruneOverflow.run(`$.${USER_ID}`, maxSessions);
  });
  return {
    async get(id) {
      const row = whenFree(() => select.get(id, now()));
      return row === undefined ? undefined : (JSON.parse(row.data) as SessionData);
    },
    async set(id, data, expiresAt) {
      whenFree(() => write(id, JSON.stringify(data), expiresAt));
    },
    async delete(id) {
      whenFree(() => remove.run(id));
    },
  };
}

/**
 * Runs a query. A file that another process keeps locked for longer than
 * busy_timeout (the sqlite3 shell in the middle of a transaction, say)
 * answers 503, as a PostgreSQL server that is down does.
 */
function whenFree<T>(query: () => T): T {
  try {
    return query();
  } catch (error) {
    if ((error as { code?: unknown }).code === "SQLITE_BUSY") throw databaseUnavailable(error);
    throw error;
  }
}

/**
 * The bound on session rows, checked once.
 * @example checkedMaxSessions(undefined); // 100000
 */
export function checkedMaxSessions(maxSessions = 100_000): number {
  if (!Number.isSafeInteger(maxSessions) || maxSessions < 1) {
    throw new TypeError(
      `the session store's maxSessions is a whole number of at least 1, not ${maxSessions}`,
    );
  }
  return maxSessions;
}

/**
 * The rate limiters' counts in the `rate_limits` table. BEGIN IMMEDIATE
 * takes the file's write lock before the hits are read, so no other
 * process can count between the read and the write. Expired rows, and past
 * `maxKeys` the rows closest to expiring, go in the same transaction.
 */
function sqliteLimits(db: Database): LimitStore {
  const select = db.prepare<[string, string, number], { hits: string }>(
    "SELECT hits FROM rate_limits WHERE limiter = ? AND key = ? AND expires_at > ?",
  );
  const upsert = db.prepare<[string, string, string, number]>(
    `INSERT INTO rate_limits (limiter, key, hits, expires_at) VALUES (?, ?, ?, ?)
     ON CONFLICT (limiter, key) DO UPDATE SET hits = excluded.hits, expires_at = excluded.expires_at`,
  );
  const remove = db.prepare<[string, string]>(
    "DELETE FROM rate_limits WHERE limiter = ? AND key = ?",
  );
  const pruneExpired = db.prepare<[string, number]>(
    "DELETE FROM rate_limits WHERE limiter = ? AND expires_at <= ?",
  );
  const pruneOverflow = db.prepare<{ limiter: string; maxKeys: number }>(
    `DELETE FROM rate_limits WHERE limiter = :limiter AND key IN (
       SELECT key FROM rate_limits WHERE limiter = :limiter ORDER BY expires_at
       LIMIT max(0, (SELECT count(*) FROM rate_limits WHERE limiter = :limiter) - :maxKeys))`,
  );
  const step = db.transaction((at: LimitKey, change: (hits: number[]) => LimitChange<unknown>) => {
    const row = select.get(at.limiter, at.key, at.now);
    const decided = change(row === undefined ? [] : (JSON.parse(row.hits) as number[]));
    if (decided.hits.length === 0) remove.run(at.limiter, at.key);
    else upsert.run(at.limiter, at.key, JSON.stringify(decided.hits), decided.expiresAt);
    pruneExpired.run(at.limiter, at.now);
    pruneOverflow.run({ limiter: at.limiter, maxKeys: at.maxKeys });
    return decided.result;
  });
  return {
    async update<Result>(at: LimitKey, change: (hits: number[]) => LimitChange<Result>) {
      return whenFree(() => step.immediate(at, change) as Result);
    },
  };
}
