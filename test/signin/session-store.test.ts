import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { sessions } from "../../gateway/kit/sessions/index.ts";
import { TestClient } from "../../gateway/test-client.ts";
import { openSqliteStore } from "../../solutions/signin/store/sqlite-store.ts";
import { KEY, sessionApp } from "../gateway/kit/sessions/apps.ts";

let dataDir: string;
let db: Database;

beforeEach(() => {
  dataDir = mkdtempSync(path.join(tmpdir(), "signin-sessions-"));
  db = openDatabase(dataDir);
});

afterEach(() => {
  db.close();
  rmSync(dataDir, { recursive: true, force: true });
});

/** A clock the test moves by hand. */
function clock(start = 1_000_000) {
  const time = { now: start };
  return { time, now: () => time.now };
}

function rowIds(): string[] {
  return db
    .prepare<[], { id: string }>("SELECT id FROM sessions ORDER BY id")
    .all()
    .map((row) => row.id);
}

describe("SqliteSessionStore", () => {
  it("keeps, gives back and deletes sessions by id", async () => {
    const store = new SqliteSessionStore(db);
    await store.set("a", { user: "ada", cart: ["apple"] }, Date.now() + 1000);
    expect(await store.get("a")).toEqual({ user: "ada", cart: ["apple"] });
    await store.delete("a");
    expect(await store.get("a")).toBeUndefined();
    expect(rowIds()).toEqual([]);
  });

  it("replaces a session's values and expiry when it is set again", async () => {
    const { time, now } = clock();
    const store = new SqliteSessionStore(db, { now });
    await store.set("a", { visits: 1 }, time.now + 1000);
    await store.set("a", { visits: 2 }, time.now + 5000);
    time.now += 2000;
    expect(await store.get("a")).toEqual({ visits: 2 });
  });

  it("answers undefined for an unknown id", async () => {
    expect(await new SqliteSessionStore(db).get("nobody")).toBeUndefined();
  });

  it("never hands out a session once it expired", async () => {
    const { time, now } = clock();
    const store = new SqliteSessionStore(db, { now });
    await store.set("a", { user: "ada" }, time.now + 1000);
    time.now += 999;
    expect(await store.get("a")).toEqual({ user: "ada" });
    time.now += 1;
    expect(await store.get("a")).toBeUndefined();
  });

  it("deletes expired rows when it writes", async () => {
    const { time, now } = clock();
    const store = new SqliteSessionStore(db, { now });
    await store.set("old", {}, time.now + 1000);
    await store.set("young", {}, time.now + 5000);
    time.now += 1000;
    await store.set("new", {}, time.now + 5000);
    expect(rowIds()).toEqual(["new", "young"]);
  });

  it("drops the sessions closest to expiring when full", async () => {
    const { time, now } = clock();
    const store = new SqliteSessionStore(db, { now, maxSessions: 2 });
    await store.set("a", {}, time.now + 3000);
    await store.set("b", {}, time.now + 1000);
    await store.set("c", {}, time.now + 2000);
    expect(rowIds()).toEqual(["a", "c"]);
  });

  it("crowds out visitors' sessions when full, never a signed-in user's", async () => {
    // Every visitor who opens a form gets a session (for its CSRF token): a
    // flood of such visits must not push signed-in users out, signing them out.
    const { time, now } = clock();
    const store = new SqliteSessionStore(db, { now, maxSessions: 2 });
    await store.set("ada", { userId: 1 }, time.now + 1000);
    for (const id of ["v1", "v2", "v3"]) await store.set(id, { csrfToken: "t" }, time.now + 5000);
    expect(rowIds()).toEqual(["ada", "v3"]);
    expect(await store.get("ada")).toEqual({ userId: 1 });
  });

  it("refuses a bound that is not a whole number of at least 1", () => {
    expect(() => new SqliteSessionStore(db, { maxSessions: 0 })).toThrow(/at least 1/);
  });

  it("keeps sessions when the database is closed and opened again", async () => {
    await new SqliteSessionStore(db).set("a", { user: "ada" }, Date.now() + 60_000);
    db.close();
    db = openDatabase(dataDir);
    expect(await new SqliteSessionStore(db).get("a")).toEqual({ user: "ada" });
  });
});

describe("SqliteSessionStore behind the sessions() middleware", () => {
  const appWith = (store: SqliteSessionStore) => sessions({ keys: [KEY], store })(sessionApp());

  it("keeps a visitor's session across a restart of the app", async () => {
    // One browser (the client and its cookies), two runs of the app.
    let running = appWith(new SqliteSessionStore(db));
    const client = new TestClient((environ, startResponse) => running(environ, startResponse));
    await client.get("/count");
    expect((await client.get("/count")).json()).toBe(2);
    db.close();
    db = openDatabase(dataDir);
    running = appWith(new SqliteSessionStore(db));
    expect((await client.get("/count")).json()).toBe(3);
  });

  it("forgets the session on sign-out, so a copy of the old cookie grants nothing", async () => {
    const client = new TestClient(appWith(new SqliteSessionStore(db)));
    const signedIn = await client.post("/sign-in");
    const copied = (signedIn.header("Set-Cookie") ?? "").split(";")[0] as string;
    await client.post("/sign-out");
    expect(rowIds()).toEqual([]);
    const attacker = new TestClient(appWith(new SqliteSessionStore(db)), { cookies: false });
    const peek = await attacker.get("/peek", { headers: { Cookie: copied } });
    expect(peek.json()).toMatchObject({ isNew: true, data: {} });
  });
});
