/**
 * Starting the sign-in app: settings, database, server.
 *
 * Run as a program (`node --import tsx solutions/signin/server.ts --port 0`),
 * or through `npm run signin`, which calls `main`. It reads the settings
 * (config.ts), opens the store (SQLite in the data folder, or PostgreSQL:
 * `DATABASE_URL`, or an embedded one with `--postgres`), serves the app
 * until Ctrl-C, and prints:
 *
 *   Sign-in app running at http://127.0.0.1:8011/
 *
 * With `--workers N` this program runs N + 1 times (gateway/workers/): once
 * as the supervisor, which checks the database, migrates it and starts any
 * embedded server, then once in each worker, which serves. A worker gets
 * the embedded server's URL in `DATABASE_URL`, and does not wait for the
 * database to start: while it is down, it answers 503, and it never dies
 * of it.
 *
 * @example
 * // node --import tsx solutions/signin/server.ts --data /tmp/signin --port 0
 * // DATABASE_URL=postgres://app@127.0.0.1/workshop npm run signin -- --solution --workers 2
 */
import path from "node:path";
import { fileURLToPath } from "node:url";
import { CliError } from "../../gateway/cli/cli-error.ts";
import { serveUntilStopped } from "../../gateway/cli/serve-until-stopped.ts";
import type { RunningServer, RunningWorkers } from "../../gateway/http-server.ts";
import { HttpError } from "../../gateway/kit/http-errors.ts";
import { isSupervisedWorker } from "../../gateway/workers/worker.ts";
import { createApp } from "./app.ts";
import { loadConfig, TREE } from "./config.ts";
import type { EmbeddedPostgres } from "./store/embedded-postgres.ts";
import { openStore, type StoreConfig } from "./store/open-store.ts";
import type { SigninStore } from "./store/store.ts";

const here = fileURLToPath(import.meta.url);

/**
 * Serves the app until Ctrl-C; resolves once it listens (undefined when it
 * could not start, after printing why).
 * @example await main(["--port", "8011"], process.env);
 */
export async function main(
  argv: string[] = process.argv.slice(2),
  env: NodeJS.ProcessEnv = process.env,
): Promise<RunningServer | RunningWorkers | undefined> {
  let embedded: EmbeddedPostgres | undefined;
  try {
    const config = loadConfig(argv, env);
    let database: StoreConfig["database"];
    if (config.database.kind === "embedded") {
      embedded = await startEmbedded(config.dataDir);
      database = { kind: "postgres", url: embedded.url };
    } else {
      database = config.database;
    }
    const store = await openStore({ ...config, database });
    // A worker's supervisor checked the database already.
    if (!isSupervisedWorker()) await checkReady(store);
    // Closing checkpoints SQLite's write-ahead log into signin.db, leaving one tidy file.
    process.on("exit", () => void store.close());
    const app = createApp({
      store,
      sessionKeys: config.sessionKeys,
      secure: config.secure,
      trustedProxies: config.trustedProxies,
      passwords: { cost: config.passwordCost },
    });
    const kept = embedded === undefined ? store.where : `the embedded ${store.where}`;
    const proxies = config.trustedProxies?.join(", ");
    const announce = (url: string) =>
      `Sign-in app running at ${url}\n` +
      `Serving ${TREE}/signin/; users, sessions and rate limits are kept in ${kept}\n` +
      (proxies ? `Client addresses from X-Forwarded-For, for requests from ${proxies}\n` : "") +
      "Press Ctrl-C to stop.";
    const { workers, gracefulTimeout } = config;
    const alsoClose = async () => {
      await store.close();
      await embedded?.close();
    };
    const options = { gracefulTimeout, alsoClose };
    return workers === undefined
      ? await serveUntilStopped(app, config, announce, options)
      : await serveUntilStopped(app, config, announce, { ...options, workers });
  } catch (error) {
    await embedded?.close();
    if (!(error instanceof CliError)) throw error;
    console.error(`Sign-in app: ${error.message}`);
    process.exitCode = error.exitCode;
    return undefined;
  }
}

/**
 * Starts the embedded PostgreSQL (loaded only now: PGlite is large), and
 * hands its URL to the workers (they inherit the environment): they
 * connect to it, rather than each starting one on the same folder.
 */
async function startEmbedded(dataDir: string): Promise<EmbeddedPostgres> {
  const { EMBEDDED_FOLDER, startEmbeddedPostgres } = await import("./store/embedded-postgres.ts");
  const folder = path.relative(process.cwd(), path.join(dataDir, EMBEDDED_FOLDER)) || ".";
  console.log(`Starting the embedded PostgreSQL in ${folder} (the first start takes ~15 s)...`);
  const embedded = await startEmbeddedPostgres(dataDir);
  process.env.DATABASE_URL = embedded.url;
  return embedded;
}

/** Fails the start, in one line, when the database cannot be reached or migrated. */
async function checkReady(store: SigninStore): Promise<void> {
  try {
    await store.ready();
  } catch (error) {
    if (!(error instanceof HttpError)) throw error;
    const reason = (error.cause as Error | undefined)?.message ?? error.message;
    throw new CliError(
      `cannot reach the ${store.where}: ${reason}. Start the server, or fix DATABASE_URL ` +
        "(unset, the app keeps its data in SQLite; --postgres starts an embedded PostgreSQL).",
    );
  }
}

/** True when this file is the program node was asked to run (not imported by npm run signin). */
function isEntryPoint(): boolean {
  const entry = process.argv[1];
  if (entry === undefined) return false;
  const resolved = path.resolve(entry);
  // Windows paths are case-insensitive: "c:\..." and "C:\..." are one file.
  return process.platform === "win32"
    ? resolved.toLowerCase() === here.toLowerCase()
    : resolved === here;
}

if (isEntryPoint()) await main();
