/**
 * The embedded PostgreSQL (PGlite and its socket server): the store's
 * contract on it, with the same `pg` code as on a real server; its lock on
 * the folder; and `npm run signin -- --postgres`, alone and with workers.
 * It needs nothing installed, so it runs everywhere (a peers test all the
 * same: PGlite is a whole PostgreSQL, and its first start takes seconds).
 */
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type EmbeddedPostgres,
  startEmbeddedPostgres,
} from "../../../solutions/signin/store/embedded-postgres.ts";
import { type ServerProcess, startServer, Visitor } from "../server-process.ts";
import { postgresBench } from "./postgres-bench.ts";
import { storeContract } from "./store-contract.ts";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..", "..");
const PASSWORD = "correct horse battery";
let dataDir: string;

beforeAll(() => {
  dataDir = mkdtempSync(path.join(tmpdir(), "signin-embedded-"));
});

afterAll(() => {
  rmSync(dataDir, { recursive: true, force: true });
});

describe("the embedded PostgreSQL, in this process", () => {
  let embedded: EmbeddedPostgres;

  beforeAll(async () => {
    embedded = await startEmbeddedPostgres(dataDir);
  });

  afterAll(async () => {
    await embedded?.close();
  });

  it("keeps its data in the data folder, and serves on a loopback port", () => {
    expect(embedded.folder).toBe(path.join(dataDir, "postgres"));
    expect(existsSync(path.join(dataDir, "postgres", "PG_VERSION"))).toBe(true);
    expect(embedded.url).toMatch(/^postgres:\/\/postgres@127\.0\.0\.1:\d+\/postgres$/);
  });

  it("refuses a second server on the same folder, saying where the first serves", async () => {
    await expect(startEmbeddedPostgres(dataDir)).rejects.toThrow(
      `already serves the embedded PostgreSQL in ${embedded.folder} at ${embedded.url}`,
    );
  });

  storeContract("PostgresStore on the embedded PostgreSQL", () => postgresBench(embedded.url));
});

describe("npm run signin -- --postgres", () => {
  const servers: ServerProcess[] = [];
  const start = async (args: string[]) => {
    const server = await startServer(
      dataDir,
      { SIGNIN_PASSWORD_COST: "4" },
      {
        program: path.join(root, "workshop", "signin.ts"),
        args: ["--solution", "--postgres", ...args],
      },
    );
    servers.push(server);
    return server;
  };

  afterAll(async () => {
    for (const server of servers) await server.stop();
  });

  it("serves two workers from one embedded server: a user stays signed in on both", async () => {
    const server = await start(["--workers", "2"]);
    const ada = new Visitor(server.url, { newConnections: true });
    const signUp = await ada.submit("signup", { username: "ada", password: PASSWORD });
    expect(signUp.status).toBe(303);
    for (let i = 0; i < 4; i++) expect((await ada.get("private")).status).toBe(200);
    await server.stop();
    expect(server.child.exitCode).toBe(0);
    expect(existsSync(path.join(dataDir, "postgres.lock")), "the lock goes at a clean stop").toBe(
      false,
    );
  });

  it("keeps the accounts for the next start", async () => {
    const server = await start([]);
    const ada = new Visitor(server.url);
    const signIn = await ada.submit("signin", { username: "ada", password: PASSWORD });
    expect([signIn.status, signIn.headers.get("location")]).toEqual([303, "/"]);
  });
});
