import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { openSqliteStore } from "../../solutions/signin/store/sqlite-store.ts";
import { normalizeUsername, UserStore } from "../../solutions/signin/users.ts";

let dataDir: string;
let db: Database;
let users: UserStore;

beforeEach(() => {
  dataDir = mkdtempSync(path.join(tmpdir(), "signin-users-"));
  db = openDatabase(dataDir);
  users = new UserStore(db);
});

afterEach(() => {
  db.close();
  rmSync(dataDir, { recursive: true, force: true });
});

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

describe("UserStore", () => {
  it("adds a user and gives back the record, with its normalised name", () => {
    const user = users.add("Ada", "scrypt$hash");
    expect(user).toMatchObject({ username: "ada", passwordHash: "scrypt$hash" });
    expect(user?.id).toBeTypeOf("number");
    expect(new Date(user?.createdAt ?? "").toISOString()).toBe(user?.createdAt);
  });

  it("finds a user by id and by any form of the name", () => {
    const ada = users.add("ada", "h");
    for (const form of ["ada", "ADA", " Ada ", "ＡＤＡ"]) {
      expect(users.byUsername(form), form).toEqual(ada);
    }
    expect(users.byId(ada?.id ?? -1)).toEqual(ada);
  });

  it("answers undefined for an unknown name or id", () => {
    users.add("ada", "h");
    expect(users.byUsername("grace")).toBeUndefined();
    expect(users.byId(999)).toBeUndefined();
  });

  it("refuses a second account whose name normalises to a taken one", () => {
    const ada = users.add("ada", "first");
    for (const form of ["ada", "ADA", " ada", "ＡＤＡ", "Ａda"]) {
      expect(users.add(form, "second"), form).toBeUndefined();
    }
    expect(users.byUsername("ada")).toEqual(ada);
    expect(db.prepare("SELECT count(*) AS n FROM users").get()).toEqual({ n: 1 });
  });

  it("gives each account its own id", () => {
    const ids = ["ada", "grace", "edsger"].map((name) => users.add(name, "h")?.id);
    expect(new Set(ids).size).toBe(3);
  });
});

describe("UserStore against SQL injection", () => {
  const attempts = [
    "x' OR '1'='1",
    "'; DROP TABLE users; --",
    "ada' --",
    '" OR ""="',
    "ada'); DELETE FROM users; --",
    "%",
    "_",
    "\\",
    "ada\u0000admin",
  ];

  it("stores each attempt as a name, literally, and finds it by that name only", () => {
    const grace = users.add("grace", "graces-hash");
    for (const attempt of attempts) {
      const user = users.add(attempt, "h");
      expect(user?.username, attempt).toBe(normalizeUsername(attempt));
      expect(users.byUsername(attempt), attempt).toEqual(user);
    }
    expect(users.byUsername("grace")).toEqual(grace);
    expect(db.prepare("SELECT count(*) AS n FROM users").get()).toEqual({ n: attempts.length + 1 });
  });

  it("finds nobody with an attempt that was never stored", () => {
    users.add("grace", "h");
    for (const attempt of attempts) {
      expect(users.byUsername(attempt), attempt).toBeUndefined();
    }
    expect(users.byUsername("grace")?.username).toBe("grace");
  });
});

describe("UserStore persistence", () => {
  it("keeps users when the database is closed and opened again", () => {
    const ada = users.add("ada", "h");
    db.close();
    db = openDatabase(dataDir);
    users = new UserStore(db);
    expect(users.byUsername("ADA")).toEqual(ada);
    expect(users.add("ada", "again")).toBeUndefined();
  });
});
