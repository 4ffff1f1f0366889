/**
 * A private PostgreSQL for tests: a cluster of its own in a temporary
 * folder, on a free loopback port, started and stopped by the test (and
 * restarted, for the tests of a database that goes away under load).
 *
 * It runs Debian's PostgreSQL server programs (`initdb`, `pg_ctl`; in
 * `/usr/lib/postgresql/VERSION/bin`, or on the PATH elsewhere). `initdb`
 * refuses to run as root, so as root the folder is given to the
 * `postgres` user and the programs run as it (`runuser -u postgres --`).
 * The cluster trusts local connections (`-A trust`) and listens on
 * 127.0.0.1 only; `fsync=off`, since a test's data need not survive a
 * power cut.
 *
 * A test that needs it asks `postgresSkipReason()` first. Without
 * PostgreSQL, on a learner's machine, it skips with that reason; under
 * `CI=true` there is never a reason to skip, so a missing PostgreSQL fails
 * the test instead of passing unnoticed.
 *
 * @example
 * const skip = postgresSkipReason();
 * describe.skipIf(skip !== undefined)("on PostgreSQL", () => {
 *   let cluster: PostgresCluster;
 *   beforeAll(async () => { cluster = await startPostgresCluster(); });
 *   afterAll(async () => { await cluster?.destroy(); });
 *   it("answers", async () => { ... cluster.url ... });
 * });
 */
import { spawn } from "node:child_process";
import {
  accessSync,
  chownSync,
  constants,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
} from "node:fs";
import { tmpdir, userInfo } from "node:os";
import path from "node:path";
import { freePort } from "./free-port.ts";

/**
 * A running private cluster.
 * @example const { url } = await startPostgresCluster();
 */
export interface PostgresCluster {
  /** `postgres://postgres@127.0.0.1:PORT/postgres`. */
  url: string;
  port: number;
  /** The temporary folder: `data/` is the cluster, `log` its server log. */
  folder: string;
  /** Starts the server again after `stop()`, on the same port and data. */
  start(): Promise<void>;
  /** Stops the server (`pg_ctl -m fast`: open connections are cut). */
  stop(): Promise<void>;
  /** Stops and starts it: every open connection is cut. */
  restart(): Promise<void>;
  /** Stops it if it runs, and deletes the folder. */
  destroy(): Promise<void>;
}

/** Where Debian puts each version's server programs. */
const DEBIAN_PROGRAMS = "/usr/lib/postgresql";

/**
 * The folder holding `initdb` and `pg_ctl`: the newest Debian version's,
 * else the first on the PATH; undefined when there is none.
 * @example serverPrograms(); // "/usr/lib/postgresql/15/bin"
 */
export function serverPrograms(): string | undefined {
  const debian = versionFolders().map((version) => path.join(DEBIAN_PROGRAMS, version, "bin"));
  const onPath = (process.env.PATH ?? "").split(path.delimiter).filter(Boolean);
  return [...debian, ...onPath].find((folder) => isProgram(path.join(folder, "pg_ctl")));
}

function versionFolders(): string[] {
  try {
    return readdirSync(DEBIAN_PROGRAMS)
      .filter((name) => /^\d+$/.test(name))
      .sort((a, b) => Number(b) - Number(a));
  } catch {
    return [];
  }
}

function isProgram(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * Why the PostgreSQL tests cannot run here, or undefined when they can
 * (always undefined under `CI=true`: there, a missing server fails).
 * @example const skip = postgresSkipReason(); if (skip) console.warn(skip);
 */
export function postgresSkipReason(): string | undefined {
  if (process.env.CI === "true" || serverPrograms() !== undefined) return undefined;
  return `${POSTGRES_MISSING}, to run the tests on a real PostgreSQL: they are skipped.`;
}

/** What is missing without PostgreSQL's server programs, and how to install them. */
export const POSTGRES_MISSING =
  "PostgreSQL's server programs (initdb, pg_ctl) were not found: install them " +
  "(Debian, Ubuntu: sudo apt-get install postgresql)";

/**
 * Makes a cluster in a new temporary folder and starts it on a free port.
 * @example const cluster = await startPostgresCluster(); try { ... } finally { await cluster.destroy(); }
 */
export async function startPostgresCluster(): Promise<PostgresCluster> {
  const programs = serverPrograms();
  if (programs === undefined) {
    throw new Error(POSTGRES_MISSING);
  }
  const folder = mkdtempSync(path.join(tmpdir(), "postgres-test-"));
  const data = path.join(folder, "data");
  const asRoot = userInfo().uid === 0;
  if (asRoot) chownSync(folder, postgresUid(), -1);
  const run = (program: string, args: string[]) =>
    asRoot
      ? runProgram(program, "runuser", [
          "-u",
          "postgres",
          "--",
          path.join(programs, program),
          ...args,
        ])
      : runProgram(program, path.join(programs, program), args);
  const port = await freePort();
  const settings = `-p ${port} -k ${folder} -c listen_addresses=127.0.0.1 -c fsync=off`;
  let running = false;
  const start = async () => {
    await run("pg_ctl", [
      "-D",
      data,
      "-o",
      settings,
      "-l",
      path.join(folder, "log"),
      "-w",
      "start",
    ]);
    running = true;
  };
  const stop = async () => {
    await run("pg_ctl", ["-D", data, "-m", "fast", "-w", "stop"]);
    running = false;
  };
  try {
    await run("initdb", ["-D", data, "-A", "trust", "-U", "postgres", "-E", "UTF8", "--no-sync"]);
    await start();
  } catch (error) {
    rmSync(folder, { recursive: true, force: true });
    throw error;
  }
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    port,
    folder,
    start,
    stop,
    restart: async () => {
      await stop();
      await start();
    },
    destroy: async () => {
      if (running) await stop();
      rmSync(folder, { recursive: true, force: true });
    },
  };
}

/** The uid of the `postgres` user, whom Debian's package makes. */
function postgresUid(): number {
  const entry = readFileSync("/etc/passwd", "utf8")
    .split("\n")
    .find((line) => line.startsWith("postgres:"));
  const uid = Number(entry?.split(":")[2]);
  if (!Number.isInteger(uid)) {
    throw new Error("there is no postgres user to run PostgreSQL as (apt-get install postgresql)");
  }
  return uid;
}

/** Runs a program to its end; rejects with what it printed when it fails. */
function runProgram(name: string, command: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.stderr.on("data", (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.on("error", reject);
    child.on("close", (code) => {
      if (code === 0) resolve();
      else reject(new Error(`${name} failed (exit ${code}):\n${output}`));
    });
  });
}
