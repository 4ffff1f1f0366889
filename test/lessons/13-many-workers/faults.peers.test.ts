/**
 * Lesson 13, "Faults a deployment survives": the sign-in app (reference
 * tree) from two workers, on a real PostgreSQL (a private cluster), behind
 * a real nginx, under a load of 20 connections signing up; then a worker
 * killed, PostgreSQL restarted, and a session carried from one worker to
 * another. And the lesson's migration exercise's PostgreSQL step, on that
 * PostgreSQL.
 *
 * Each fault waits on what it causes (a line the supervisor prints, an
 * answer the load gets), never on the clock; the load itself runs for at
 * least LOAD_MS, the bounded load of the lesson.
 *
 * Without nginx or PostgreSQL the tests are skipped with what to install,
 * unless CI is set: there they must run.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PrivateServer } from "../../../lessons/02-cgi-hello-world/apache/private-server.ts";
import { findNginx, NGINX_MISSING } from "../../../lessons/12-deployment/nginx/find-nginx.ts";
import { startHttpProxy } from "../../../lessons/13-many-workers/nginx/private-nginx.ts";
import { countSignIns } from "../../../solutions/13-many-workers/count-sign-ins.ts";
import { type ServerProcess, startServer, Visitor } from "../../signin/server-process.ts";
import { freePort } from "../../support/free-port.ts";
import {
  type PostgresCluster,
  postgresSkipReason,
  startPostgresCluster,
} from "../../support/postgres-cluster.ts";
import {
  type LoadResult,
  type RunningLoad,
  signInEach,
  startSigninLoad,
} from "../../support/signin-load.ts";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..", "..");
const CONNECTIONS = 20;
/** The load's length: the lesson's bounded load. Outcomes are waited for as events. */
const LOAD_MS = 20_000;

const nginx = findNginx();
const skip =
  process.env.CI === "true"
    ? undefined
    : (postgresSkipReason() ?? (nginx === undefined ? NGINX_MISSING : undefined));
if (skip !== undefined) console.warn(`lesson 13's fault tests are skipped: ${skip}`);

describe.skipIf(skip !== undefined)(
  "the sign-in app on 2 workers, PostgreSQL, behind nginx",
  () => {
    let cluster: PostgresCluster;
    let server: ServerProcess;
    let proxy: PrivateServer;
    let dataDir: string;
    let url: string;

    beforeAll(async () => {
      if (nginx === undefined)
        throw new Error(`CI is set but ${NGINX_MISSING} (.ci/run installs it)`);
      cluster = await startPostgresCluster();
      dataDir = mkdtempSync(path.join(tmpdir(), "lesson-13-faults-"));
      server = await startServer(
        dataDir,
        { DATABASE_URL: cluster.url, SIGNIN_PASSWORD_COST: "4" },
        {
          program: path.join(root, "workshop", "signin.ts"),
          args: ["--solution", "--workers", "2", "--trust-proxy", "127.0.0.1"],
        },
      );
      const port = await freePort();
      proxy = await startHttpProxy(nginx.bin, {
        port,
        workers: new URL(server.url).host,
      });
      url = `http://127.0.0.1:${port}/`;
    });

    afterAll(async () => {
      await proxy?.stop();
      await server?.stop();
      await cluster?.destroy();
      if (dataDir !== undefined) rmSync(dataDir, { recursive: true, force: true });
    });

    /** The pids of the workers serving now: those that listened, less those that died. */
    function workerPids(): number[] {
      const output = server.output();
      const listened = [...output.matchAll(/worker \d+ \(pid (\d+)\) listening/g)].map((m) =>
        Number(m[1]),
      );
      const died = [...output.matchAll(/worker \d+ \(pid (\d+)\) died/g)].map((m) => Number(m[1]));
      return listened.filter((pid) => !died.includes(pid));
    }

    /** What nginx logged: why it answered 502 or 504. */
    function nginxErrors(): string {
      return readFileSync(path.join(proxy.runDir, "error.log"), "utf8");
    }

    /** Keeps the load on until `LOAD_MS` after its start, then stops it. */
    async function finish(load: RunningLoad, startedAt: number): Promise<LoadResult> {
      await sleep(Math.max(0, startedAt + LOAD_MS - Date.now()));
      return load.stop();
    }

    const answers = (result: LoadResult, status: number) => result.statuses.get(status) ?? 0;
    const failures = (result: LoadResult) =>
      result.failed +
      [...result.statuses]
        .filter(([status]) => status !== 200 && status !== 303)
        .reduce((n, [, c]) => n + c, 0);

    it("takes each client's address from nginx's X-Forwarded-For, as its first lines say", () => {
      // Each visitor of the load comes from its own loopback address; nginx connects from
      // 127.0.0.1, and reports the visitor's in the header: every sign-up below counts apart.
      expect(server.output()).toContain(
        "Client addresses from X-Forwarded-For, for requests from 127.0.0.1\n",
      );
    });

    it("loses at most the requests in flight when a worker is killed, replaces it, and keeps every answered sign-up", async () => {
      const [victim, survivor] = workerPids();
      expect([victim, survivor].every(Number.isInteger), server.output()).toBe(true);
      const startedAt = Date.now();
      const load = startSigninLoad(url, { connections: CONNECTIONS, run: 1 });
      await load.answered(303, CONNECTIONS);

      const printedBefore = server.output().length;
      process.kill(victim as number, "SIGKILL");
      const signedUpAtKill = answers(load.result, 303);
      const [, replacement] = await server.printed(
        /worker \d+ \(pid (\d+)\) listening/,
        printedBefore,
      );
      const signedUpWhileOne = answers(load.result, 303) - signedUpAtKill;
      await load.answered(303, CONNECTIONS * 2);
      const result = await finish(load, startedAt);
      console.info(
        `kill -9 under load: ${summary(result)}; ${signedUpWhileOne} sign-ups answered while one worker served`,
      );

      expect(server.output().slice(printedBefore)).toMatch(
        new RegExp(`pid ${victim}\\) died \\(signal SIGKILL`),
      );
      expect(workerPids().sort()).toEqual([survivor, Number(replacement)].sort());
      expect(
        signedUpWhileOne,
        "the other worker must answer while the killed one is replaced",
      ).toBeGreaterThan(0);
      expect(
        failures(result),
        `answers: ${JSON.stringify([...result.statuses])}, failed: ${result.failed}`,
      ).toBeLessThanOrEqual(CONNECTIONS);
      expect(await signInEach(url, result.signedUp), "every answered sign-up must sign in").toEqual(
        [],
      );
    });

    it("answers 503 with a message while PostgreSQL restarts, recovers by itself, and no worker dies", async () => {
      const pids = workerPids();
      const printedBefore = server.output().length;
      const startedAt = Date.now();
      const load = startSigninLoad(url, { connections: CONNECTIONS, run: 2 });
      await load.answered(303, CONNECTIONS);

      await cluster.stop();
      await load.answered(503, CONNECTIONS);
      await cluster.start();
      await load.answered(303, CONNECTIONS * 2);
      const result = await finish(load, startedAt);
      console.info(`PostgreSQL restarted under load: ${summary(result)}`);

      expect(result.samples.get(503)).toContain("The sign-in database is not answering just now");
      expect(
        [...result.statuses.keys()].sort(),
        `only successes and 503s; samples: ${JSON.stringify([...result.samples])}\n` +
          `nginx's error log:\n${nginxErrors()}\nthe server's output:\n${server.output().slice(printedBefore)}`,
      ).toEqual([200, 303, 503]);
      expect(result.failed, "no request may go unanswered").toBe(0);
      expect(server.output().slice(printedBefore)).not.toMatch(/died/);
      expect(workerPids()).toEqual(pids);
    });

    it("keeps a session made through one worker valid through the other", async () => {
      const ada = new Visitor(url, { newConnections: true });
      const signUp = await ada.submit("signup", {
        username: "ada",
        password: "correct horse battery",
      });
      expect([signUp.status, signUp.headers.get("location")]).toEqual([303, "/"]);
      const before = await lastQueries(cluster.url);
      const pages = [];
      for (let i = 0; i < 6; i++) pages.push(await ada.get("private"));
      for (const page of pages) {
        expect(page.status).toBe(200);
        expect(await page.text()).toContain("<strong>ada</strong>");
      }
      const after = await lastQueries(cluster.url);
      const answered = workerPids().filter((pid) => (after.get(pid) ?? 0) > (before.get(pid) ?? 0));
      expect(answered.sort(), "both workers must have read the session").toEqual(
        workerPids().sort(),
      );
    });

    it("applies the migration exercise's PostgreSQL step to a users table with rows", async () => {
      const client = new pg.Client(cluster.url);
      await client.connect();
      try {
        await client.query("BEGIN");
        await client.query(`SET LOCAL search_path TO signin_solutions`);
        await client.query(countSignIns.postgres);
        const { rows } = await client.query<{ sign_ins: number }>(
          "SELECT DISTINCT sign_ins FROM users",
        );
        expect(rows).toEqual([{ sign_ins: 0 }]);
      } finally {
        await client.query("ROLLBACK");
        await client.end();
      }
    });
  },
);

/** One line for the log: the answers by status, the requests with none. */
function summary(result: LoadResult): string {
  const statuses = [...result.statuses].map(([status, count]) => `${count} × ${status}`).join(", ");
  return `${statuses}, ${result.failed} with no answer, ${result.signedUp.length} sign-ups answered 303`;
}

/**
 * For each worker's pid, the time its connections last started a query
 * (pg_stat_activity, in ms): a worker that answered a request since has a later one.
 */
async function lastQueries(databaseUrl: string): Promise<Map<number, number>> {
  const client = new pg.Client(databaseUrl);
  await client.connect();
  try {
    const { rows } = await client.query<{ application_name: string; last: Date }>(
      "SELECT application_name, max(query_start) AS last FROM pg_stat_activity " +
        "WHERE application_name LIKE 'signin signin_solutions pid %' GROUP BY application_name",
    );
    return new Map(
      rows.map((row) => [Number(row.application_name.split(" ").at(-1)), row.last.getTime()]),
    );
  } finally {
    await client.end();
  }
}
