/**
 * An embedded PostgreSQL for a laptop with none installed: PGlite
 * (PostgreSQL compiled to WebAssembly, running inside Node) with its socket
 * server, which speaks PostgreSQL's wire protocol on a loopback port. The
 * app connects to it with the same `pg` code as to a real server.
 *
 * `npm run signin -- --postgres` starts one, its data in the app's data
 * folder (`data/signin-starter/postgres/`), and with `--workers` the
 * workers connect to it over the port. The first start makes the database
 * (about 15 s); later starts take a few seconds.
 *
 * It is for demos, not for measuring: PGlite runs one session, and the
 * socket server takes its connections' queries in turn (a transaction
 * keeps the session until it ends). So statements never run at the same
 * time, and races and lost connections cannot be shown with it: those
 * tests use a real PostgreSQL.
 *
 * PGlite does not lock its folder, and two servers writing one folder
 * would ruin it: a lock file beside the folder (`postgres.lock`, with the
 * pid and the URL) stops a second one and says where the first serves.
 *
 * @example
 * const embedded = await startEmbeddedPostgres("/home/me/workshop/data/signin-starter");
 * const store = openPostgresStore({ url: embedded.url, schema: "signin_starter" });
 * // at the end: await store.close(); await embedded.close();
 */
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { PGLiteSocketServer } from "@electric-sql/pglite-socket";
import { CliError } from "../../../gateway/cli/cli-error.ts";

/**
 * A running embedded server.
 * @example const { url, folder, close } = await startEmbeddedPostgres(dataDir);
 */
export interface EmbeddedPostgres {
  /** `postgres://postgres@127.0.0.1:PORT/postgres`, for `pg` and for `DATABASE_URL`. */
  url: string;
  /** Where its data is: `<data folder>/postgres`. */
  folder: string;
  /** Stops serving, closes the database cleanly, and removes the lock. */
  close(): Promise<void>;
}

/** The database's folder inside the app's data folder. */
export const EMBEDDED_FOLDER = "postgres";

/** Connections the socket server accepts: the pools of a few workers. */
const MAX_CONNECTIONS = 100;

/**
 * Starts PGlite on `<dataDir>/postgres` and serves it on a free loopback
 * port. Throws a `CliError` when another process serves that folder, or
 * when the folder cannot be opened.
 * @example const embedded = await startEmbeddedPostgres("data/signin-solutions");
 */
export async function startEmbeddedPostgres(dataDir: string): Promise<EmbeddedPostgres> {
  const folder = path.resolve(dataDir, EMBEDDED_FOLDER);
  const lock = `${folder}.lock`;
  takeLock(lock);
  try {
    const db = await openFolder(folder);
    const server = new PGLiteSocketServer({
      db,
      host: "127.0.0.1",
      port: 0,
      maxConnections: MAX_CONNECTIONS,
    });
    await server.start();
    const url = `postgres://postgres@${server.getServerConn()}/postgres`;
    writeFileSync(lock, JSON.stringify({ pid: process.pid, url }));
    const close = async () => {
      await server.stop();
      await db.close();
      rmSync(lock, { force: true });
    };
    return { url, folder, close };
  } catch (error) {
    rmSync(lock, { force: true });
    throw error;
  }
}

async function openFolder(folder: string): Promise<PGlite> {
  try {
    return await PGlite.create({ dataDir: folder });
  } catch (error) {
    throw new CliError(
      `the embedded PostgreSQL cannot open ${folder}: ${(error as Error).message}. ` +
        "If that folder holds nothing you need, delete it and a new database is made at the next start.",
    );
  }
}

/**
 * Creates the lock file, or explains who holds it. A lock whose process is
 * gone (the server was killed) is taken over.
 */
function takeLock(lock: string): void {
  try {
    writeFileSync(lock, JSON.stringify({ pid: process.pid }), { flag: "wx" });
    return;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
  }
  const holder = readLock(lock);
  if (holder !== undefined && isRunning(holder.pid)) {
    const where = holder.url === undefined ? "" : ` at ${holder.url}`;
    throw new CliError(
      `another process (pid ${holder.pid}) already serves the embedded PostgreSQL in ` +
        `${lock.slice(0, -".lock".length)}${where}. Stop it first, or connect to it with DATABASE_URL.`,
    );
  }
  rmSync(lock, { force: true });
  takeLock(lock);
}

function readLock(lock: string): { pid: number; url?: string } | undefined {
  try {
    const holder = JSON.parse(readFileSync(lock, "utf8")) as { pid?: unknown; url?: unknown };
    if (typeof holder.pid !== "number") return undefined;
    return { pid: holder.pid, url: typeof holder.url === "string" ? holder.url : undefined };
  } catch {
    return undefined;
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it runs, as another user.
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}
