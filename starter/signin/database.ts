/**
 * The sign-in app's database: one SQLite file, `<data folder>/signin.db`,
 * opened with better-sqlite3 and brought up to the current schema.
 *
 * SQLite keeps the whole database in one file, needs no server, and is
 * safe to share between processes; better-sqlite3 calls it synchronously,
 * which suits a database on the same disk (each query is microseconds).
 *
 * The schema changes by migrations: an ordered list of SQL steps, the
 * database's `PRAGMA user_version` saying how many it has had. Opening a
 * database applies the steps it is missing, so an older file is upgraded in
 * place; a file from a newer version of the app is refused, by name,
 * rather than half understood. A released step is never edited: a change
 * is a new step at the end.
 *
 * @example
 * const db = openDatabase(config.dataDir);
 * const users = new UserStore(db);
 * const sessionStore = new SqliteSessionStore(db);
 */
import path from "node:path";
import BetterSqlite3 from "better-sqlite3";
import { CliError } from "../../gateway/cli/cli-error.ts";
import { ensureDataDir } from "./config.ts";

/**
 * An open better-sqlite3 connection.
 * @example const db: Database = openDatabase("data/signin");
 */
export type Database = BetterSqlite3.Database;

/** The file's name inside the data folder. */
export const DATABASE_FILE = "signin.db";

/** One schema step. Its version is its place in the list, counting from 1. */
interface Migration {
  name: string;
  sql: string;
}

/** Every step, oldest first. Append only. */
const migrations: readonly Migration[] = [
  {
    // `username` holds the normalised name (users.ts), so UNIQUE is the rule "one account per name".
    name: "create users",
    sql: `CREATE TABLE users (
            id INTEGER PRIMARY KEY,
            username TEXT NOT NULL UNIQUE,
            password_hash TEXT NOT NULL,
            created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
          ) STRICT`,
  },
  {
    // The index lets the store delete expired sessions without reading every row.
    name: "create sessions",
    sql: `CREATE TABLE sessions (
            id TEXT PRIMARY KEY,
            data TEXT NOT NULL,
            expires_at INTEGER NOT NULL
          ) STRICT;
          CREATE INDEX sessions_by_expiry ON sessions (expires_at)`,
  },
];

/** The schema version this code writes: the number of steps. */
export const SCHEMA_VERSION = migrations.length;

/**
 * Opens (creating if needed) the data folder's database, upgraded to `SCHEMA_VERSION`.
 * Throws a `CliError` naming the file when it cannot be opened or is too new.
 * @example const db = openDatabase("/home/me/workshop/data/signin");
 */
export function openDatabase(dataDir: string): Database {
  ensureDataDir(dataDir);
  const file = path.join(dataDir, DATABASE_FILE);
  const db = connect(file);
  try {
    migrate(db, file);
  } catch (error) {
    db.close();
    throw error;
  }
  return db;
}

function connect(file: string): Database {
  let db: Database | undefined;
  try {
    db = new BetterSqlite3(file);
    // Another process holding the write lock (a second server, the sqlite3 shell) is waited for.
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
 * Applies the missing steps. BEGIN IMMEDIATE takes the write lock before the
 * version is read, so two servers opening a new file at once cannot both
 * apply the same step: the second waits, then finds nothing left to do. All
 * pending steps share the one transaction: the file is upgraded fully, or not at all.
 */
function migrate(db: Database, file: string): void {
  const upgrade = db.transaction(() => {
    const version = db.pragma("user_version", { simple: true }) as number;
    if (version > SCHEMA_VERSION) {
      throw new CliError(
        `the database ${file} has schema version ${version}, newer than this app's ` +
          `${SCHEMA_VERSION}: it was written by a newer version of the workshop. ` +
          "Update your copy of the workshop, or choose another data folder with --data DIR.",
      );
    }
    for (const [index, migration] of migrations.entries()) {
      if (index < version) continue;
      apply(db, migration, index + 1, file);
    }
  });
  upgrade.immediate();
}

function apply(db: Database, migration: Migration, version: number, file: string): void {
  try {
    db.exec(migration.sql);
  } catch (error) {
    throw new Error(
      `schema step ${version} ("${migration.name}") failed on ${file}: ${(error as Error).message}`,
      { cause: error },
    );
  }
  // PRAGMA takes no parameters; the version is a number of our own making.
  db.pragma(`user_version = ${version}`);
}
