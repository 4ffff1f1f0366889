/**
 * `npm run signin -- --solution --workers 2` with `DATABASE_URL` set: two
 * worker processes, one PostgreSQL (a private cluster). Each request goes
 * on a new connection, which the supervisor hands to the next worker, so
 * the requests alternate between the workers: a user stays signed in
 * whichever one answers, and one rate limit holds across both.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type PostgresCluster,
  postgresSkipReason,
  startPostgresCluster,
} from "../support/postgres-cluster.ts";
import { type ServerProcess, startServer, Visitor } from "./server-process.ts";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
const PASSWORD = "correct horse battery";
const skip = postgresSkipReason();
if (skip !== undefined) console.warn(skip);

describe.skipIf(skip !== undefined)(
  "npm run signin -- --solution --workers 2, on PostgreSQL",
  () => {
    let cluster: PostgresCluster;
    let server: ServerProcess;
    let dataDir: string;

    beforeAll(async () => {
      cluster = await startPostgresCluster();
      dataDir = mkdtempSync(path.join(tmpdir(), "signin-workers-"));
      server = await startServer(
        dataDir,
        { DATABASE_URL: cluster.url, SIGNIN_PASSWORD_COST: "4" },
        {
          program: path.join(root, "workshop", "signin.ts"),
          args: ["--solution", "--workers", "2"],
        },
      );
    });

    afterAll(async () => {
      await server?.stop();
      await cluster?.destroy();
      if (dataDir !== undefined) rmSync(dataDir, { recursive: true, force: true });
    });

    /** The pids of the processes connected to the server for the reference's schema. */
    async function connectedPids(): Promise<number[]> {
      const client = new pg.Client(cluster.url);
      await client.connect();
      try {
        const { rows } = await client.query<{ application_name: string }>(
          "SELECT application_name FROM pg_stat_activity WHERE application_name LIKE 'signin signin_solutions pid %'",
        );
        return [...new Set(rows.map((row) => Number(row.application_name.split(" ").at(-1))))];
      } finally {
        await client.end();
      }
    }

    it("keeps a user signed in whichever worker answers", async () => {
      const ada = new Visitor(server.url, { newConnections: true });
      const signUp = await ada.submit("signup", { username: "ada", password: PASSWORD });
      expect([signUp.status, signUp.headers.get("location")]).toEqual([303, "/"]);
      const pages = [];
      for (let i = 0; i < 8; i++) pages.push(await ada.get("private"));
      expect(pages.map((page) => page.status)).toEqual(Array(8).fill(200));
      for (const page of pages) expect(await page.text()).toContain("<strong>ada</strong>");
      const workers = (await connectedPids()).filter((pid) => pid !== server.child.pid);
      expect(workers.length, "both workers must have answered").toBe(2);
    });

    it("holds one limit across the workers: the sixth failure for a name is refused", async () => {
      const guesser = new Visitor(server.url, { newConnections: true });
      const statuses = [];
      for (let i = 0; i < 7; i++) {
        statuses.push(
          (await guesser.submit("signin", { username: "ada", password: "wrong" })).status,
        );
      }
      expect(statuses).toEqual([401, 401, 401, 401, 401, 429, 429]);
      const signIn = await guesser.submit("signin", { username: "ada", password: PASSWORD });
      expect(signIn.status, "the right password too, until the window passes").toBe(429);
    });
  },
);
