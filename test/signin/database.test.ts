import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import BetterSqlite3 from "better-sqlite3";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { CliError } from "../../gateway/cli/cli-error.ts";
import {
  DATABASE_FILE,
  type Database,
  openDatabase,
  SCHEMA_VERSION,
} from "../../solutions/signin/database.ts";

let dataDir: string;
const opened: Database[] = [];

beforeEach(() => {
  dataDir = mkdtempSync(path.join(tmpdir(), "signin-db-"));
});

afterEach(() => {
  for (const db of opened.splice(0)) db.close();
  rmSync(dataDir, { recursive: true, force: true });
});

function open(dir = dataDir): Database {
  const db = openDatabase(dir);
  opened.push(db);
  return db;
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

describe("openDatabase", () => {
  it("creates the data folder and signin.db inside it", () => {
    const nested = path.join(dataDir, "deeper", "still");
    const db = open(nested);
    expect(db.name).toBe(path.join(nested, DATABASE_FILE));
  });

  it("uses WAL, synchronous FULL, foreign keys and a busy timeout", () => {
    const db = open();
    expect({
      journal: db.pragma("journal_mode", { simple: true }),
      synchronous: db.pragma("synchronous", { simple: true }),
      foreignKeys: db.pragma("foreign_keys", { simple: true }),
      busyTimeout: db.pragma("busy_timeout", { simple: true }),
    }).toEqual({ journal: "wal", synchronous: 2, foreignKeys: 1, busyTimeout: 5000 });
  });

  it("brings a new file to the current schema version", () => {
    const db = open();
    expect(db.pragma("user_version", { simple: true })).toBe(SCHEMA_VERSION);
    expect(tables(db)).toEqual(["sessions", "users"]);
  });

  it("opens its own file again without applying any step twice", () => {
    open().prepare("INSERT INTO users (username, password_hash) VALUES ('ada', 'h')").run();
    const again = open();
    expect(again.pragma("user_version", { simple: true })).toBe(SCHEMA_VERSION);
    expect(again.prepare("SELECT count(*) AS n FROM users").get()).toEqual({ n: 1 });
  });

  it("upgrades a file of an older schema version in place, keeping its rows", () => {
    versionOneFile();
    const db = open();
    expect(db.pragma("user_version", { simple: true })).toBe(SCHEMA_VERSION);
    expect(tables(db)).toEqual(["sessions", "users"]);
    expect(db.prepare("SELECT username FROM users").all()).toEqual([{ username: "ada" }]);
  });

  it("refuses a file from a newer version of the app, naming the file", () => {
    const file = path.join(dataDir, DATABASE_FILE);
    const newer = new BetterSqlite3(file);
    newer.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
    newer.close();
    expect(() => open()).toThrow(CliError);
    expect(() => open()).toThrow(`the database ${file} has schema version ${SCHEMA_VERSION + 1}`);
    const untouched = new BetterSqlite3(file);
    expect(untouched.pragma("user_version", { simple: true })).toBe(SCHEMA_VERSION + 1);
    untouched.close();
  });

  it("refuses a file that is not a database, naming it and the way out", () => {
    const file = path.join(dataDir, DATABASE_FILE);
    writeFileSync(file, "these are not the bytes of an SQLite database, not even close.\n");
    expect(() => open()).toThrow(`cannot open the database ${file}`);
    expect(() => open()).toThrow(/--data DIR or SIGNIN_DATA=DIR/);
  });

  it("says what to do when the data folder is a file", () => {
    const file = path.join(dataDir, "not-a-folder");
    writeFileSync(file, "");
    expect(() => open(file)).toThrow(
      `the data folder ${file} is a file, or lies inside one, where a folder should be`,
    );
    expect(() => open(path.join(file, "inside"))).toThrow(/Choose another with --data DIR/);
  });

  it("lets a second connection see what the first committed", () => {
    const first = open();
    const second = open();
    first.prepare("INSERT INTO users (username, password_hash) VALUES ('ada', 'h')").run();
    expect(second.prepare("SELECT username FROM users").all()).toEqual([{ username: "ada" }]);
  });
});
