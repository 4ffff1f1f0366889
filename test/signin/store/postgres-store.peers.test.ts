/**
 * The PostgreSQL store on a real PostgreSQL (a private cluster, started by
 * the test): the contract every store keeps, and what only a real server
 * with many connections can show: races between processes, migrations
 * started at once, schemas kept apart, and a server that goes away.
 *
 * Each `PostgresStore` here stands for one worker process: it has a pool
 * of its own, and shares nothing with the others but the server.
 */
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../../solutions/signin/app.ts";
import { RateLimiter } from "../../../solutions/signin/rate-limit.ts";
import { SCHEMA_VERSION } from "../../../solutions/signin/store/migrations.ts";
import type { PostgresStore } from "../../../solutions/signin/store/postgres-store.ts";
import {
  type PostgresCluster,
  postgresSkipReason,
  startPostgresCluster,
} from "../../support/postgres-cluster.ts";
import { CHEAP_COST, clientFor, TEST_SESSION_KEY } from "../signin-fixture.ts";
import { freshSchema, pgStore, postgresBench } from "./postgres-bench.ts";
import { storeContract } from "./store-contract.ts";

const skip = postgresSkipReason();
if (skip !== undefined) console.warn(skip);

describe.skipIf(skip !== undefined)("on a real PostgreSQL", () => {
  let cluster: PostgresCluster;
  const stores: PostgresStore[] = [];

  // A busy machine may take a while to make and start a cluster.
  beforeAll(async () => {
    cluster = await startPostgresCluster();
  });

  afterAll(async () => {
    for (const store of stores.splice(0)) await store.close();
    await cluster?.destroy();
  });

  /** One statement on the server, outside any store. */
  async function sql<Row extends pg.QueryResultRow>(text: string, values: unknown[] = []) {
    const client = new pg.Client(cluster.url);
    await client.connect();
    try {
      return await client.query<Row>(text, values);
    } finally {
      await client.end();
    }
  }

  /** `count` stores on one new schema: `count` workers' worth of pools. */
  function workers(count: number, schema = freshSchema(), lines: string[] = []): PostgresStore[] {
    const made = Array.from({ length: count }, () => pgStore(cluster.url, schema, {}, lines));
    stores.push(...made);
    return made;
  }

  storeContract("PostgresStore", () => postgresBench(cluster.url));

  describe("races between workers", () => {
    it("gives a name to exactly one of two sign-ups made at the same moment", async () => {
      const [one, two] = workers(2);
      if (one === undefined || two === undefined) throw new Error("two stores");
      await Promise.all([one.ready(), two.ready()]);
      const names = Array.from({ length: 20 }, (_, i) => `name${i}`);
      const results = await Promise.all(
        names.flatMap((name) => [
          one.users.add(name, "first"),
          two.users.add(name.toUpperCase(), "second"),
        ]),
      );
      for (const [index, name] of names.entries()) {
        const pair = results.slice(index * 2, index * 2 + 2);
        expect(
          pair.filter((user) => user !== undefined),
          name,
        ).toHaveLength(1);
      }
    });

    it("answers the loser of a sign-up race with today's 409, through the app", async () => {
      const apps = workers(2).map((store) =>
        createApp({ store, sessionKeys: [TEST_SESSION_KEY], passwords: { cost: CHEAP_COST } }),
      );
      const clients = apps.map((app) => clientFor(app));
      const answers = await Promise.all(
        clients.map((client) => client.signUp("ada", "correct horse")),
      );
      const codes = answers.map((answer) => answer.statusCode).sort();
      expect(codes).toEqual([303, 409]);
      const loser = answers.find((answer) => answer.statusCode === 409);
      expect(loser?.text).toContain("That username is taken: choose another.");
    });

    it("counts one limit across workers: 5 of 12 tries at once get through", async () => {
      const limiters = workers(3).map(
        (store) =>
          new RateLimiter({ name: "tries", store: store.limits, limit: 5, windowMs: 60_000 }),
      );
      const waits = await Promise.all(
        Array.from({ length: 12 }, (_, i) => limiters[i % limiters.length]?.hit("ada")),
      );
      expect(waits.filter((wait) => wait === 0)).toHaveLength(5);
      expect(waits.filter((wait) => (wait ?? 0) > 0)).toHaveLength(7);
    });

    it("migrates a schema once when several workers start at the same moment", async () => {
      const schema = freshSchema();
      await Promise.all(workers(4, schema).map((store) => store.ready()));
      const { rows } = await sql<{ version: number }>(
        `SELECT version FROM ${pg.escapeIdentifier(schema)}.schema_migrations ORDER BY version`,
      );
      expect(rows.map((row) => row.version)).toEqual(
        Array.from({ length: SCHEMA_VERSION }, (_, i) => i + 1),
      );
    });
  });

  describe("schemas", () => {
    it("keep the learner's and the reference's data apart in one database", async () => {
      const [starter] = workers(1, "signin_starter");
      const [solutions] = workers(1, "signin_solutions");
      await starter?.users.add("ada", "h");
      expect(await solutions?.users.byUsername("ada")).toBeUndefined();
      expect((await starter?.users.byUsername("ada"))?.username).toBe("ada");
    });

    it("refuse a schema from a newer version of the app, by name", async () => {
      const schema = freshSchema();
      const [first] = workers(1, schema);
      await first?.ready();
      await sql(
        `INSERT INTO ${pg.escapeIdentifier(schema)}.schema_migrations (version, name) VALUES ($1, 'from the future')`,
        [SCHEMA_VERSION + 1],
      );
      const [later] = workers(1, schema);
      await expect(later?.ready()).rejects.toThrow(
        `schema ${schema} of PostgreSQL at ${cluster.url} has schema version ${SCHEMA_VERSION + 1}`,
      );
    });
  });

  // Last: these stop and restart the server.
  describe("a server that goes away", () => {
    it("answers 503 while it is down, and serves again once it is back, with no restart", async () => {
      const lines: string[] = [];
      const [store] = workers(1, freshSchema(), lines);
      if (store === undefined) throw new Error("a store");
      const ada = await store.users.add("ada", "h");
      await cluster.stop();
      await expect(store.users.byId(ada?.id ?? 0)).rejects.toMatchObject({
        code: 503,
        detail: expect.stringContaining("not answering"),
      });
      await cluster.start();
      // The connections the restart cut are dropped; the next query opens a new one.
      expect((await store.users.byId(ada?.id ?? 0))?.username).toBe("ada");
    });

    it("drops the connections a restart cut, and the next request after the one that met it succeeds", async () => {
      const lines: string[] = [];
      const [store] = workers(1, freshSchema(), lines);
      if (store === undefined) throw new Error("a store");
      await Promise.all(Array.from({ length: 4 }, () => store.users.byId(1)));
      await cluster.restart();
      const first = await store.users.byId(1).then(
        () => "answered",
        (error: { code?: number }) => error.code,
      );
      expect([503, "answered"]).toContain(first);
      expect(await store.users.byId(1)).toBeUndefined();
    });

    it("answers the app's pages 503 with a message while it is down, never 500", async () => {
      const [store] = workers(1);
      if (store === undefined) throw new Error("a store");
      const app = createApp({
        store,
        sessionKeys: [TEST_SESSION_KEY],
        passwords: { cost: CHEAP_COST },
      });
      const client = clientFor(app);
      expect((await client.signUp("ada", "correct horse")).statusCode).toBe(303);
      await cluster.stop();
      try {
        const home = await client.get("/");
        expect(home.statusCode).toBe(503);
        expect(home.header("Retry-After")).toBe("5");
        expect(home.text).toContain("The sign-in database is not answering just now");
        const visitor = await clientFor(app).get("/signin");
        expect(visitor.statusCode).toBe(503);
      } finally {
        await cluster.start();
      }
      expect((await client.get("/")).statusCode).toBe(200);
    });

    it("says at start-up, in one line, that the server cannot be reached", async () => {
      const [store] = workers(1);
      await cluster.stop();
      try {
        await expect(store?.ready()).rejects.toMatchObject({ code: 503 });
      } finally {
        await cluster.start();
      }
      await expect(store?.ready()).resolves.toBeUndefined();
    });
  });
});
