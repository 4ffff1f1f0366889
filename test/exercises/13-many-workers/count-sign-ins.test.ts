/**
 * Exercise 13-count-sign-ins: a schema step on a table that has rows.
 *
 * The SQLite statement runs on a real sign-in database (the app's own
 * store, one user already in it); the PostgreSQL statement is compared
 * with the expected one, as text, here; the reference solution's is run on
 * a real PostgreSQL in test/lessons/13-many-workers/faults.peers.test.ts.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { BetterSqlite3, type Database } from "../../../starter/signin/store/sqlite-driver.ts";
import { DATABASE_FILE, openSqliteStore } from "../../../starter/signin/store/sqlite-store.ts";
import { exerciseExport, lessonSection } from "../load-exercise.ts";

const section = lessonSection("13-many-workers", "Exercise: a migration on a live table");

interface SchemaStep {
  name: string;
  sqlite: string;
  postgres: string;
}
const countSignIns = await exerciseExport<SchemaStep>(
  "13-many-workers/count-sign-ins.ts",
  "countSignIns",
  "object",
  section,
);

let dataDir: string;
let db: Database;

beforeEach(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), "count-sign-ins-"));
  const store = await openSqliteStore(dataDir);
  await store.users.add("ada", "a hash");
  await store.close();
  db = new BetterSqlite3(path.join(dataDir, DATABASE_FILE));
});

afterEach(() => {
  db.close();
  rmSync(dataDir, { recursive: true, force: true });
});

/** Runs the learner's SQLite step as the migration runner would: in a transaction. */
function applySqliteStep(): void {
  expect(
    countSignIns.sqlite.trim(),
    `countSignIns.sqlite is empty: write the ALTER TABLE statement; ${section.see}`,
  ).not.toBe("");
  try {
    db.transaction(() => db.exec(countSignIns.sqlite))();
  } catch (error) {
    expect.fail(`SQLite refused countSignIns.sqlite: ${(error as Error).message}; ${section.see}`);
  }
}

function signIns(): unknown[] {
  return db
    .prepare("SELECT sign_ins FROM users ORDER BY id")
    .all()
    .map((row) => (row as { sign_ins: unknown }).sign_ins);
}

describe("countSignIns, on SQLite", () => {
  it("adds sign_ins to a users table that has rows, and the users there get 0", () => {
    applySqliteStep();
    expect(
      signIns(),
      `the user already there must have sign_ins = 0: give the column DEFAULT 0; ${section.see}`,
    ).toEqual([0]);
  });

  it("gives 0 to a user added later without naming the column", () => {
    applySqliteStep();
    db.prepare("INSERT INTO users (username, password_hash) VALUES ('grace', 'h')").run();
    expect(signIns(), `a new user must get sign_ins = 0 too; ${section.see}`).toEqual([0, 0]);
  });

  it("never holds a missing count, nor text", () => {
    applySqliteStep();
    const insert = (value: unknown) => () =>
      db
        .prepare("INSERT INTO users (username, password_hash, sign_ins) VALUES ('x', 'h', ?)")
        .run(value);
    expect(insert(null), `sign_ins must be NOT NULL; ${section.see}`).toThrow(/NOT NULL/);
    expect(insert("many"), `sign_ins must be an INTEGER column; ${section.see}`).toThrow(
      /INTEGER|datatype/i,
    );
  });
});

describe("countSignIns, for PostgreSQL", () => {
  it("makes the same column, with PostgreSQL's integer type", () => {
    const sql = countSignIns.postgres.replace(/\s+/g, " ").trim();
    expect(
      sql,
      `countSignIns.postgres must be ALTER TABLE users ADD COLUMN sign_ins integer NOT NULL DEFAULT 0 (in any case, any spacing); ${section.see}`,
    ).toMatch(
      /^ALTER TABLE users ADD COLUMN sign_ins (integer|int|int4) (NOT NULL DEFAULT 0|DEFAULT 0 NOT NULL);?$/i,
    );
  });
});
