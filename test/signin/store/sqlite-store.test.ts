/**
 * The SQLite store: the contract every store keeps (store-contract.ts), and
 * what is SQLite's own: the file, its settings, and its migrations.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { CliError } from "../../../gateway/cli/cli-error.ts";
import { SCHEMA_VERSION } from "../../../solutions/signin/store/migrations.ts";
import { BetterSqlite3, type Database } from "../../../solutions/signin/store/sqlite-driver.ts";
import {
  DATABASE_FILE,
  openSqliteStore,
  type SqliteStore,
} from "../../../solutions/signin/store/sqlite-store.ts";
import { normalizeUsername } from "../../../solutions/signin/users.ts";
import { type StoreBench, storeContract } from "./store-contract.ts";

/** A bench on a new temporary folder; its rows read with a connection of its own. */
async function sqliteBench(): Promise<StoreBench> {
  const dataDir = mkdtempSync(path.join(tmpdir(), "signin-store-"));
  let peek: Database | undefined;
  const rows = <Row>(sql: string, ...values: unknown[]): Row[] => {
    peek ??= new BetterSqlite3(path.join(dataDir, DATABASE_FILE));
    return peek.prepare<unknown[], Row>(sql).all(...values);
  };
  return {
    open: (options) => openSqliteStore(dataDir, options),
    sessionIds: async () =>
      rows<{ id: string }>("SELECT id FROM sessions ORDER BY id").map((row) => row.id),
    limitKeys: async (limiter) =>
      rows<{ key: string }>(
        "SELECT key FROM rate_limits WHERE limiter = ? ORDER BY key",
        limiter,
      ).map((row) => row.key),
    userCount: async () => rows<{ n: number }>("SELECT count(*) AS n FROM users")[0]?.n ?? 0,
    dispose: async () => {
      peek?.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

storeContract("SqliteStore", sqliteBench);

describe("normalizeUsername", () => {
  it("folds width, compatibility forms and case, and trims", () => {
    expect(normalizeUsername(" ＡＤＡ ")).toBe("ada");
    expect(normalizeUsername("Ada")).toBe("ada");
    expect(normalizeUsername("\uFB01sh")).toBe("fish"); // the "ﬁ" ligature
    expect(normalizeUsername("\u3000bob\t")).toBe("bob"); // an ideographic space
  });

  it("makes one form of a letter out of its composed and decomposed spellings", () => {
    expect(normalizeUsername("Jos\u00E9")).toBe(normalizeUsername("Jose\u0301"));
  });

  it("gives back a normalised name unchanged", () => {
    for (const name of ["ada", "ＡＤＡ", "Ǆemal", "ΣΊΣΥΦΟΣ", "straße", "İstanbul"]) {
      const once = normalizeUsername(name);
      expect(normalizeUsername(once), name).toBe(once);
    }
  });
});

describe("openSqliteStore", () => {
  let dataDir: string;
  const opened: SqliteStore[] = [];

  beforeEach(() => {
    dataDir = mkdtempSync(path.join(tmpdir(), "signin-db-"));
  });

  afterEach(async () => {
    for (const store of opened.splice(0)) await store.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  async function open(dir = dataDir): Promise<SqliteStore> {
    const store = await openSqliteStore(dir);
    opened.push(store);
    return store;
  }

  function tables(db: Database): string[] {
    return db
      .prepare<[], { name: string }>(
        "SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name",
      )
      .all()
      .map((row) => row.name);
  }

  /** A file as the first released version of the app left it: the users table, schema version 1. */
  function versionOneFile(): void {
    const db = new BetterSqlite3(path.join(dataDir, DATABASE_FILE));
    db.exec(`CREATE TABLE users (
               id INTEGER PRIMARY KEY,
               username TEXT NOT NULL UNIQUE,
               password_hash TEXT NOT NULL,
               created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
             ) STRICT;
             INSERT INTO users (username, password_hash) VALUES ('ada', 'hash');
             PRAGMA user_version = 1;`);
    db.close();
  }

  it("creates the data folder and signin.db inside it", async () => {
    const nested = path.join(dataDir, "deeper", "still");
    const store = await open(nested);
    expect(store.db.name).toBe(path.join(nested, DATABASE_FILE));
    expect(store.where).toBe(path.join(nested, DATABASE_FILE));
  });

  it("uses WAL, synchronous FULL, foreign keys and a busy timeout", async () => {
    const { db } = await open();
    expect({
      journal: db.pragma("journal_mode", { simple: true }),
      synchronous: db.pragma("synchronous", { simple: true }),
      foreignKeys: db.pragma("foreign_keys", { simple: true }),
      busyTimeout: db.pragma("busy_timeout", { simple: true }),
    }).toEqual({ journal: "wal", synchronous: 2, foreignKeys: 1, busyTimeout: 5000 });
  });

  it("brings a new file to the current schema version", async () => {
    const { db } = await open();
    expect(db.pragma("user_version", { simple: true })).toBe(SCHEMA_VERSION);
    expect(tables(db)).toEqual(["rate_limits", "sessions", "users"]);
  });

  it("opens its own file again without applying any step twice", async () => {
    (await open()).db
      .prepare("INSERT INTO users (username, password_hash) VALUES ('ada', 'h')")
      .run();
    const { db } = await open();
    expect(db.pragma("user_version", { simple: true })).toBe(SCHEMA_VERSION);
    expect(db.prepare("SELECT count(*) AS n FROM users").get()).toEqual({ n: 1 });
  });

  it("upgrades a file of an older schema version in place, keeping its rows", async () => {
    versionOneFile();
    const { db } = await open();
    expect(db.pragma("user_version", { simple: true })).toBe(SCHEMA_VERSION);
    expect(tables(db)).toEqual(["rate_limits", "sessions", "users"]);
    expect(db.prepare("SELECT username FROM users").all()).toEqual([{ username: "ada" }]);
  });

  it("refuses a file from a newer version of the app, naming the file", async () => {
    const file = path.join(dataDir, DATABASE_FILE);
    const newer = new BetterSqlite3(file);
    newer.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
    newer.close();
    await expect(open()).rejects.toThrow(CliError);
    await expect(open()).rejects.toThrow(
      `the database ${file} has schema version ${SCHEMA_VERSION + 1}`,
    );
    const untouched = new BetterSqlite3(file);
    expect(untouched.pragma("user_version", { simple: true })).toBe(SCHEMA_VERSION + 1);
    untouched.close();
  });

  it("refuses a file that is not a database, naming it and the way out", async () => {
    const file = path.join(dataDir, DATABASE_FILE);
    writeFileSync(file, "these are not the bytes of an SQLite database, not even close.\n");
    await expect(open()).rejects.toThrow(`cannot open the database ${file}`);
    await expect(open()).rejects.toThrow(/--data DIR or SIGNIN_DATA=DIR/);
  });

  it("says what to do when the data folder is a file", async () => {
    const file = path.join(dataDir, "not-a-folder");
    writeFileSync(file, "");
    await expect(open(file)).rejects.toThrow(
      `the data folder ${file} is a file, or lies inside one, where a folder should be`,
    );
    await expect(open(path.join(file, "inside"))).rejects.toThrow(/Choose another with --data DIR/);
  });

  it("lets a second connection see what the first committed", async () => {
    const first = await open();
    const second = await open();
    await first.users.add("ada", "h");
    expect((await second.users.byUsername("ada"))?.username).toBe("ada");
  });

  it("answers 503 while another process keeps the file locked past the busy timeout", async () => {
    const store = await open();
    store.db.pragma("busy_timeout = 0");
    const other = new BetterSqlite3(path.join(dataDir, DATABASE_FILE));
    other.exec("BEGIN IMMEDIATE");
    try {
      await expect(store.users.add("ada", "h")).rejects.toMatchObject({ code: 503 });
    } finally {
      other.exec("ROLLBACK");
      other.close();
    }
    expect((await store.users.add("ada", "h"))?.username).toBe("ada");
  });
});
