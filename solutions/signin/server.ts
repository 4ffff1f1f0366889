/**
 * Starting the sign-in app: settings, database, server.
 *
 * Run as a program (`node --import tsx solutions/signin/server.ts --port 0`),
 * or through `npm run signin`, which calls `main`. It reads the settings
 * (config.ts: `--data`, `--host`, `--port`, `--secure`), opens the SQLite
 * database in the data folder, serves the app until Ctrl-C, and prints:
 *
 *   Sign-in app running at http://127.0.0.1:8011/
 *
 * @example
 * // node --import tsx solutions/signin/server.ts --data /tmp/signin --port 0
 */
import path from "node:path";
import { fileURLToPath } from "node:url";
import { CliError } from "../../gateway/cli/cli-error.ts";
import { serveUntilStopped } from "../../gateway/cli/serve-until-stopped.ts";
import type { RunningServer } from "../../gateway/http-server.ts";
import { createApp } from "./app.ts";
import { loadConfig } from "./config.ts";
import { DATABASE_FILE, openDatabase } from "./database.ts";
import { SqliteSessionStore } from "./session-store.ts";
import { UserStore } from "./users.ts";

const here = fileURLToPath(import.meta.url);
/** "starter/signin" or "solutions/signin": which copy of the app this is. */
const tree = path.relative(path.resolve(here, "..", "..", ".."), path.dirname(here));

/**
 * Serves the app until Ctrl-C; resolves once it listens (undefined when it
 * could not start, after printing why).
 * @example await main(["--port", "8011"], process.env);
 */
export async function main(
  argv: string[] = process.argv.slice(2),
  env: NodeJS.ProcessEnv = process.env,
): Promise<RunningServer | undefined> {
  try {
    const config = loadConfig(argv, env);
    const db = openDatabase(config.dataDir);
    // Closing checkpoints the write-ahead log into signin.db, leaving one tidy file.
    process.on("exit", () => db.close());
    const app = createApp({
      users: new UserStore(db),
      sessionStore: new SqliteSessionStore(db),
      sessionKeys: config.sessionKeys,
      secure: config.secure,
      passwords: { cost: config.passwordCost },
    });
    const file = path.join(config.dataDir, DATABASE_FILE);
    return await serveUntilStopped(
      app,
      config,
      (url) =>
        `Sign-in app running at ${url}\n` +
        `Serving ${tree.split(path.sep).join("/")}/; users and sessions are kept in ${file}\n` +
        "Press Ctrl-C to stop.",
    );
  } catch (error) {
    if (!(error instanceof CliError)) throw error;
    console.error(`Sign-in app: ${error.message}`);
    process.exitCode = error.exitCode;
    return undefined;
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
