/**
 * The store's contract: what every `SigninStore` must do, written once and
 * run against each one (sqlite-store.test.ts, postgres-store.peers.test.ts,
 * embedded-postgres.peers.test.ts), so the app cannot tell them apart.
 *
 * A run hands over a `StoreBench`: a way to open the store on a fresh
 * database (and again, on the same data, as after a restart), and to look
 * at the rows behind it, which only it knows how to read.
 *
 * @example
 * storeContract("SqliteStore", async () => sqliteBench());
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { sessions } from "../../../gateway/kit/sessions/index.ts";
import { TestClient } from "../../../gateway/test-client.ts";
import { RateLimiter } from "../../../solutions/signin/rate-limit.ts";
import type { StoreOptions } from "../../../solutions/signin/store/sqlite-store.ts";
import type { SigninStore } from "../../../solutions/signin/store/store.ts";
import { normalizeUsername } from "../../../solutions/signin/users.ts";
import { KEY, sessionApp } from "../../gateway/kit/sessions/apps.ts";

/**
 * A fresh database, and what a test needs around the store on it.
 * @example const bench: StoreBench = await sqliteBench();
 */
export interface StoreBench {
  /** Opens a store on this bench's database; again after a close, on the same data. */
  open(options?: StoreOptions): Promise<SigninStore>;
  /** The ids in the sessions table, sorted. */
  sessionIds(): Promise<string[]>;
  /** The keys one limiter has rows for, sorted. */
  limitKeys(limiter: string): Promise<string[]>;
  /** The rows in the users table. */
  userCount(): Promise<number>;
  /** Closes what the bench opened, and deletes the database. */
  dispose(): Promise<void>;
}

/** A clock the test moves by hand. */
function clock(start = 1_000_000) {
  const time = { now: start };
  return { time, now: () => time.now };
}

/**
 * Registers the contract's tests for one store.
 * @example storeContract("PostgresStore", () => postgresBench(cluster));
 */
export function storeContract(name: string, makeBench: () => Promise<StoreBench>): void {
  let bench: StoreBench;
  const opened: SigninStore[] = [];
  const open = async (options?: StoreOptions) => {
    const store = await bench.open(options);
    opened.push(store);
    return store;
  };
  /** Closes the store and opens the database again, as a restart would. */
  const reopen = async (store: SigninStore, options?: StoreOptions) => {
    await store.close();
    return open(options);
  };

  beforeEach(async () => {
    bench = await makeBench();
  });

  afterEach(async () => {
    for (const store of opened.splice(0)) await store.close();
    await bench.dispose();
  });

  describe(`${name}: users`, () => {
    it("adds a user and gives back the record, with its normalised name", async () => {
      const { users } = await open();
      const user = await users.add("Ada", "scrypt$hash");
      expect(user).toMatchObject({ username: "ada", passwordHash: "scrypt$hash" });
      expect(user?.id).toBeTypeOf("number");
      expect(new Date(user?.createdAt ?? "").toISOString()).toBe(user?.createdAt);
    });

    it("finds a user by id and by any form of the name", async () => {
      const { users } = await open();
      const ada = await users.add("ada", "h");
      for (const form of ["ada", "ADA", " Ada ", "ＡＤＡ"]) {
        expect(await users.byUsername(form), form).toEqual(ada);
      }
      expect(await users.byId(ada?.id ?? -1)).toEqual(ada);
    });

    it("answers undefined for an unknown name or id", async () => {
      const { users } = await open();
      await users.add("ada", "h");
      expect(await users.byUsername("grace")).toBeUndefined();
      expect(await users.byId(999)).toBeUndefined();
    });

    it("refuses a second account whose name normalises to a taken one", async () => {
      const { users } = await open();
      const ada = await users.add("ada", "first");
      for (const form of ["ada", "ADA", " ada", "ＡＤＡ", "Ａda"]) {
        expect(await users.add(form, "second"), form).toBeUndefined();
      }
      expect(await users.byUsername("ada")).toEqual(ada);
      expect(await bench.userCount()).toBe(1);
    });

    it("gives each account its own id", async () => {
      const { users } = await open();
      const ids = [];
      for (const name of ["ada", "grace", "edsger"]) ids.push((await users.add(name, "h"))?.id);
      expect(new Set(ids).size).toBe(3);
    });

    it("treats a name holding NUL as nobody's: never found, never added", async () => {
      const { users } = await open();
      await users.add("ada", "h");
      expect(await users.byUsername("ada\u0000")).toBeUndefined();
      await expect(users.add("ada\u0000admin", "h")).rejects.toThrow(/NUL/);
      expect(await bench.userCount()).toBe(1);
    });

    it("keeps users when the database is closed and opened again", async () => {
      const first = await open();
      const ada = await first.users.add("ada", "h");
      const { users } = await reopen(first);
      expect(await users.byUsername("ADA")).toEqual(ada);
      expect(await users.add("ada", "again")).toBeUndefined();
    });
  });

  describe(`${name}: users against SQL injection`, () => {
    const attempts = [
      "x' OR '1'='1",
      "'; DROP TABLE users; --",
      "ada' --",
      '" OR ""="',
      "ada'); DELETE FROM users; --",
      "%",
      "_",
      "\\",
      "$1",
    ];

    it("stores each attempt as a name, literally, and finds it by that name only", async () => {
      const { users } = await open();
      const grace = await users.add("grace", "graces-hash");
      for (const attempt of attempts) {
        const user = await users.add(attempt, "h");
        expect(user?.username, attempt).toBe(normalizeUsername(attempt));
        expect(await users.byUsername(attempt), attempt).toEqual(user);
      }
      expect(await users.byUsername("grace")).toEqual(grace);
      expect(await bench.userCount()).toBe(attempts.length + 1);
    });

    it("finds nobody with an attempt that was never stored", async () => {
      const { users } = await open();
      await users.add("grace", "h");
      for (const attempt of attempts) {
        expect(await users.byUsername(attempt), attempt).toBeUndefined();
      }
      expect((await users.byUsername("grace"))?.username).toBe("grace");
    });
  });

  describe(`${name}: sessions`, () => {
    it("keeps, gives back and deletes sessions by id", async () => {
      const { time, now } = clock();
      const store = (await open({ now })).sessions;
      await store.set("a", { user: "ada", cart: ["apple"] }, time.now + 1000);
      expect(await store.get("a")).toEqual({ user: "ada", cart: ["apple"] });
      await store.delete("a");
      expect(await store.get("a")).toBeUndefined();
      expect(await bench.sessionIds()).toEqual([]);
    });

    it("replaces a session's values and expiry when it is set again", async () => {
      const { time, now } = clock();
      const store = (await open({ now })).sessions;
      await store.set("a", { visits: 1 }, time.now + 1000);
      await store.set("a", { visits: 2 }, time.now + 5000);
      time.now += 2000;
      expect(await store.get("a")).toEqual({ visits: 2 });
    });

    it("answers undefined for an unknown id", async () => {
      expect(await (await open()).sessions.get("nobody")).toBeUndefined();
    });

    it("never hands out a session once it expired", async () => {
      const { time, now } = clock();
      const store = (await open({ now })).sessions;
      await store.set("a", { user: "ada" }, time.now + 1000);
      time.now += 999;
      expect(await store.get("a")).toEqual({ user: "ada" });
      time.now += 1;
      expect(await store.get("a")).toBeUndefined();
    });

    it("deletes expired rows when it writes", async () => {
      const { time, now } = clock();
      const store = (await open({ now })).sessions;
      await store.set("old", {}, time.now + 1000);
      await store.set("young", {}, time.now + 5000);
      time.now += 1000;
      await store.set("new", {}, time.now + 5000);
      expect(await bench.sessionIds()).toEqual(["new", "young"]);
    });

    it("drops the sessions closest to expiring when full", async () => {
      const { time, now } = clock();
      const store = (await open({ now, maxSessions: 2 })).sessions;
      await store.set("a", {}, time.now + 3000);
      await store.set("b", {}, time.now + 1000);
      await store.set("c", {}, time.now + 2000);
      expect(await bench.sessionIds()).toEqual(["a", "c"]);
    });

    it("crowds out visitors' sessions when full, never a signed-in user's", async () => {
      // Every visitor who opens a form gets a session (for its CSRF token): a
      // flood of such visits must not push signed-in users out, signing them out.
      const { time, now } = clock();
      const store = (await open({ now, maxSessions: 2 })).sessions;
      await store.set("ada", { userId: 1 }, time.now + 1000);
      for (const id of ["v1", "v2", "v3"]) await store.set(id, { csrfToken: "t" }, time.now + 5000);
      expect(await bench.sessionIds()).toEqual(["ada", "v3"]);
      expect(await store.get("ada")).toEqual({ userId: 1 });
    });

    it("refuses a bound that is not a whole number of at least 1", async () => {
      await expect(open({ maxSessions: 0 })).rejects.toThrow(/at least 1/);
    });

    it("keeps sessions when the database is closed and opened again", async () => {
      const { time, now } = clock();
      const first = await open({ now });
      await first.sessions.set("a", { user: "ada" }, time.now + 1000);
      expect(await (await reopen(first, { now })).sessions.get("a")).toEqual({ user: "ada" });
    });

    it("keeps a visitor's session behind sessions() across a restart of the app", async () => {
      // One browser (the client and its cookies), two runs of the app.
      const appOn = (store: SigninStore) =>
        sessions({ keys: [KEY], store: store.sessions })(sessionApp());
      const first = await open();
      let running = appOn(first);
      const client = new TestClient((environ, startResponse) => running(environ, startResponse));
      await client.get("/count");
      expect((await client.get("/count")).json()).toBe(2);
      running = appOn(await reopen(first));
      expect((await client.get("/count")).json()).toBe(3);
    });

    it("forgets the session on sign-out, so a copy of the old cookie grants nothing", async () => {
      const store = await open();
      const app = sessions({ keys: [KEY], store: store.sessions })(sessionApp());
      const client = new TestClient(app);
      const signedIn = await client.post("/sign-in");
      const copied = (signedIn.header("Set-Cookie") ?? "").split(";")[0] as string;
      await client.post("/sign-out");
      expect(await bench.sessionIds()).toEqual([]);
      const attacker = new TestClient(app, { cookies: false });
      const peek = await attacker.get("/peek", { headers: { Cookie: copied } });
      expect(peek.json()).toMatchObject({ isNew: true, data: {} });
    });
  });

  describe(`${name}: rate limits`, () => {
    const limiter = (store: SigninStore, options: { limit: number; now: () => number }) =>
      new RateLimiter({ name: "tries", store: store.limits, windowMs: 10_000, ...options });

    it("allows `limit` hits per window, then says how many seconds to wait", async () => {
      let now = 0;
      const tries = limiter(await open(), { limit: 2, now: () => now });
      expect(await tries.hit("k")).toBe(0);
      now = 4_000;
      expect(await tries.hit("k")).toBe(0);
      expect(await tries.hit("k")).toBe(6);
      expect(await tries.hit("other")).toBe(0);
      now = 10_001;
      expect(await tries.hit("k")).toBe(0);
    });

    it("takes back the latest hit, and forgets a key on reset", async () => {
      const tries = limiter(await open(), { limit: 1, now: () => 0 });
      await tries.hit("k");
      await tries.takeBack("k");
      expect(await tries.hit("k")).toBe(0);
      await tries.reset("k");
      expect(await tries.hit("k")).toBe(0);
    });

    it("keeps each limiter's keys apart", async () => {
      const store = await open();
      const options = { store: store.limits, limit: 1, windowMs: 10_000, now: () => 0 };
      const one = new RateLimiter({ name: "one", ...options });
      const two = new RateLimiter({ name: "two", ...options });
      expect(await one.hit("k")).toBe(0);
      expect(await two.hit("k")).toBe(0);
      expect(await one.hit("k")).toBeGreaterThan(0);
    });

    it("deletes a limiter's expired keys when it writes", async () => {
      let now = 0;
      const tries = limiter(await open(), { limit: 5, now: () => now });
      await tries.hit("old");
      now = 5_000;
      await tries.hit("young");
      now = 10_000;
      await tries.hit("new");
      expect(await bench.limitKeys("tries")).toEqual(["new", "young"]);
    });

    it("remembers at most maxKeys keys per limiter, dropping the stalest", async () => {
      let now = 0;
      const store = await open();
      const tries = new RateLimiter({
        name: "tries",
        store: store.limits,
        limit: 1,
        windowMs: 10_000,
        now: () => now,
        maxKeys: 2,
      });
      for (const key of ["a", "b", "c"]) {
        await tries.hit(key);
        now += 1;
      }
      expect(await bench.limitKeys("tries")).toEqual(["b", "c"]);
      expect(await tries.hit("a")).toBe(0);
      expect(await tries.hit("c")).toBeGreaterThan(0);
    });

    it("keeps the old hits when a step fails half-way", async () => {
      const store = await open();
      const at = { limiter: "tries", key: "k", now: 0, maxKeys: 10 };
      await store.limits.update(at, () => ({ hits: [0], expiresAt: 10_000, result: undefined }));
      await expect(
        store.limits.update(at, () => {
          throw new Error("the limiter's own bug");
        }),
      ).rejects.toThrow("the limiter's own bug");
      const seen = await store.limits.update(at, (hits) => ({
        hits,
        expiresAt: 10_000,
        result: hits,
      }));
      expect(seen).toEqual([0]);
    });

    it("keeps the counts when the database is closed and opened again", async () => {
      const first = await open();
      await limiter(first, { limit: 1, now: () => 0 }).hit("k");
      const again = limiter(await reopen(first), { limit: 1, now: () => 0 });
      expect(await again.hit("k")).toBe(10);
    });
  });
}
