/**
 * The sign-in app's settings: where its data lives, where it listens, the
 * keys that sign its session cookies, whether cookies are `Secure`, and how
 * many processes serve it.
 *
 * Each setting comes from a flag, else an environment variable, else a
 * default, so `npm run signin` works with nothing set, and a deployment
 * sets what it needs without editing code:
 *
 * | setting     | flag            | environment                 | default            |
 * |-------------|-----------------|-----------------------------|--------------------|
 * | data folder | `--data DIR`    | `SIGNIN_DATA`               | `<repo>/data/signin-<tree>` |
 * | database    | `--postgres`    | `DATABASE_URL`              | SQLite, `<data>/signin.db` |
 * | address     | `--host --port` | `HOST`, `PORT`              | 127.0.0.1:8011     |
 * | workers     | `--workers N`, `--graceful-timeout S` |       | one process        |
 * | session keys|                 | `SIGNIN_SESSION_KEYS` (a,b) | made once, kept in `<data>/session-key` |
 * | Secure      | `--secure`      | `SIGNIN_SECURE=1`           | off (plain http on your laptop) |
 * | proxies     | `--trust-proxy A,B` | `SIGNIN_TRUST_PROXY`    | none: `REMOTE_ADDR` is the client |
 * | scrypt cost |                 | `SIGNIN_PASSWORD_COST=12`   | OWASP's, N = 2^17  |
 *
 * The learner's copy (`starter/`) and the reference (`solutions/`) keep
 * apart: each has its own data folder, `data/signin-starter/` and
 * `data/signin-solutions/`, and on PostgreSQL its own schema,
 * `signin_starter` and `signin_solutions`.
 *
 * The database: `DATABASE_URL=postgres://user:password@host:5432/name`
 * keeps the state in that PostgreSQL server; `--postgres` without a
 * `DATABASE_URL` starts an embedded one (store/embedded-postgres.ts) with
 * its data in `<data>/postgres/`; neither keeps it in SQLite, in the data
 * folder.
 *
 * Behind a reverse proxy (nginx's `proxy_pass`), every request comes from
 * the proxy. `--trust-proxy 127.0.0.1` names it (addresses or networks,
 * split by commas): the client's address is then the one the proxy reports
 * in `X-Forwarded-For` (gateway/kit/forwarded-for.ts), and the rate limits
 * count each visitor apart. Name only proxies you run: a client that is
 * not one of them could write any address in that header, and so could any
 * client inside a network you name (name the proxy's own address).
 *
 * The generated key is saved in the data folder, readable by its owner only
 * (mode 0600), so that a restart does not sign everyone out.
 *
 * `SIGNIN_PASSWORD_COST` is for tests that start the real server and sign
 * up many users: it lowers scrypt's N to 2^cost for new hashes. Never set it
 * for real users: a cheap hash is a cheap guess for whoever steals the file.
 *
 * @example
 * const config = loadConfig(process.argv.slice(2), process.env);
 * // server.ts starts the embedded PostgreSQL first, if asked for, then opens the store:
 * const store = await openStore({ ...config, database });
 */
import { randomBytes } from "node:crypto";
import {
  accessSync,
  constants,
  copyFileSync,
  existsSync,
  mkdirSync,
  readFileSync,
  writeFileSync,
} from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { CliError, UsageError } from "../../gateway/cli/cli-error.ts";
import { listenAddress, listenOptions } from "../../gateway/cli/listen-address.ts";
import { readWorkerOptions, workerOptions } from "../../gateway/cli/worker-options.ts";
import { isProxyEntry } from "../../gateway/kit/forwarded-for.ts";
import type { WorkerCount } from "../../gateway/workers/run-in-workers.ts";

/**
 * Everything the server needs to start.
 * @example const { dataDir, host, port, sessionKeys, secure }: SigninConfig = loadConfig([], {});
 */
export interface SigninConfig {
  /** An absolute path; the folder exists and is writable once `loadConfig` returns. */
  dataDir: string;
  /** Where users, sessions and the rate limits' counts are kept. */
  database: DatabaseChoice;
  /** This tree's PostgreSQL schema: `signin_starter` or `signin_solutions`. */
  schema: string;
  host: string;
  port: number;
  /** Newest first: the first signs, all are accepted (so keys can rotate). */
  sessionKeys: string[];
  /** Cookies only over HTTPS: turn on behind a TLS proxy. */
  secure: boolean;
  /** The reverse proxies whose `X-Forwarded-For` is believed; undefined: none. */
  trustedProxies?: string[];
  /**
   * A lower scrypt cost for new password hashes, from `SIGNIN_PASSWORD_COST`
   * (tests only), in the shape passwords.ts takes; unset means OWASP's.
   */
  passwordCost?: { log2N: number; r: number; p: number };
  /** Worker processes (`--workers`); undefined: this process serves. */
  workers?: WorkerCount;
  /** Milliseconds requests under way may finish in when the server stops (`--graceful-timeout`). */
  gracefulTimeout?: number;
}

/**
 * SQLite in the data folder; the PostgreSQL server at `url`; or an
 * embedded PostgreSQL with its data in the data folder.
 * @example const choice: DatabaseChoice = { kind: "postgres", url: "postgres://app@127.0.0.1/workshop" };
 */
export type DatabaseChoice =
  | { kind: "sqlite" }
  | { kind: "postgres"; url: string }
  | { kind: "embedded" };

/** The sign-in app is lesson 11: port 8000 + 11. */
export const SIGNIN_PORT = 8011;

/** This file is `<repo>/<tree>/signin/config.ts`. */
const here = path.dirname(fileURLToPath(import.meta.url));

/** Which copy of the app this is: "starter" or "solutions". */
export const TREE = path.basename(path.dirname(here));

/** `<repo>/data/signin-<tree>`; `data/` is gitignored. */
export const DEFAULT_DATA_DIR = path.resolve(here, "..", "..", "data", `signin-${TREE}`);

/** Where both copies kept their data before each had its own folder. */
const SHARED_DATA_DIR = path.resolve(here, "..", "..", "data", "signin");

/** The same minimum the session signer enforces: an HMAC-SHA256 key of 32 bytes. */
const MINIMUM_KEY_BYTES = 32;

/**
 * Reads the settings from the command line and the environment.
 * Throws a `CliError` (one line, saying the fix) for anything wrong.
 * @example loadConfig(["--data", "/tmp/signin", "--port", "0"], process.env)
 */
export function loadConfig(argv: string[], env: NodeJS.ProcessEnv): SigninConfig {
  const flags = parseFlags(argv);
  const dataDir = path.resolve(flags.data ?? (env.SIGNIN_DATA || DEFAULT_DATA_DIR));
  if (dataDir === DEFAULT_DATA_DIR) adoptSharedData(SHARED_DATA_DIR, DEFAULT_DATA_DIR);
  ensureDataDir(dataDir);
  return {
    dataDir,
    database: databaseChoice(flags.postgres === true, env.DATABASE_URL),
    schema: `signin_${TREE.replace(/\W/g, "_").toLowerCase()}`,
    ...listenAddress(flags, SIGNIN_PORT, env),
    sessionKeys: sessionKeys(dataDir, env),
    secure: flags.secure === true || env.SIGNIN_SECURE === "1" || env.SIGNIN_SECURE === "true",
    trustedProxies: trustedProxies(
      flags["trust-proxy"] ?? (env.SIGNIN_TRUST_PROXY ? [env.SIGNIN_TRUST_PROXY] : []),
    ),
    passwordCost: passwordCost(env.SIGNIN_PASSWORD_COST),
    ...readWorkerOptions(flags),
  };
}

function parseFlags(argv: string[]) {
  try {
    return parseArgs({
      args: argv,
      options: {
        ...listenOptions,
        ...workerOptions,
        data: { type: "string" },
        secure: { type: "boolean" },
        "trust-proxy": { type: "string", multiple: true },
        postgres: { type: "boolean" },
      },
    }).values;
  } catch (error) {
    throw new UsageError(
      `${(error as Error).message}. The sign-in server takes --data DIR, --host HOST, --port PORT, ` +
        "--secure, --trust-proxy ADDRESSES, --postgres, --workers N and --graceful-timeout SECONDS.",
    );
  }
}

/**
 * The proxies named by `--trust-proxy` (given once or more) or else `SIGNIN_TRUST_PROXY`, split
 * by commas; undefined for none. An entry that is not an address or a network stops the start.
 */
function trustedProxies(lists: readonly string[]): string[] | undefined {
  if (lists.length === 0) return undefined;
  const entries = lists.flatMap((list) => list.split(",")).map((entry) => entry.trim());
  const wrong = entries.find((entry) => !isProxyEntry(entry));
  if (wrong !== undefined) {
    throw new CliError(
      `--trust-proxy: ${JSON.stringify(wrong)} is not an address or a network of proxies: name your ` +
        "proxies split by commas, like --trust-proxy 127.0.0.1,::1 or 10.0.0.0/8.",
    );
  }
  return entries;
}

/**
 * `DATABASE_URL` wins; else `--postgres` asks for the embedded server;
 * else SQLite. The URL itself is never repeated in an error: it may hold a
 * password.
 */
function databaseChoice(postgres: boolean, url: string | undefined): DatabaseChoice {
  if (!url) return { kind: postgres ? "embedded" : "sqlite" };
  let protocol: string;
  try {
    protocol = new URL(url).protocol;
  } catch {
    protocol = "";
  }
  if (protocol !== "postgres:" && protocol !== "postgresql:") {
    throw new CliError(
      `DATABASE_URL is not a PostgreSQL URL${protocol ? ` (it starts with ${protocol})` : ""}: ` +
        "write it as postgres://USER:PASSWORD@HOST:5432/DATABASE, or unset it to keep the data " +
        "in SQLite (npm run signin -- --postgres starts an embedded PostgreSQL).",
    );
  }
  return { kind: "postgres", url };
}

/**
 * The first start of a copy whose folder (`to`) does not exist yet brings
 * along what both copies shared in `data/signin/` (`from`) before: the
 * accounts, the sessions, the cookie key. Copied, so each copy starts with
 * them and the old folder stays as it was. A server still running there
 * may have changes not yet in these files: stop it before starting this one.
 * @example adoptSharedData("data/signin", "data/signin-starter"); // true if it copied
 */
export function adoptSharedData(from: string, to: string): boolean {
  if (existsSync(to) || !existsSync(path.join(from, "signin.db"))) return false;
  mkdirSync(to, { recursive: true });
  for (const file of ["signin.db", "signin.db-wal", "session-key"]) {
    if (existsSync(path.join(from, file))) copyFileSync(path.join(from, file), path.join(to, file));
  }
  console.error(
    `Sign-in app: copied ${from} to ${to}: each copy of the app now keeps its own data ` +
      `(${from} is no longer used).`,
  );
  return true;
}

/**
 * Creates the data folder if needed and checks that it can be written,
 * so a mistake shows at start-up, named, rather than as a failed sign-up.
 * @example ensureDataDir("/home/me/workshop/data/signin");
 */
export function ensureDataDir(dataDir: string): void {
  try {
    mkdirSync(dataDir, { recursive: true });
    accessSync(dataDir, constants.R_OK | constants.W_OK);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? "unknown error";
    // mkdir says EEXIST for a file in the folder's place, ENOTDIR for a file on the way there.
    const why =
      code === "EEXIST" || code === "ENOTDIR"
        ? "is a file, or lies inside one, where a folder should be"
        : `cannot be created or written (${code})`;
    throw new CliError(
      `the data folder ${dataDir} ${why}. Choose another with --data DIR or SIGNIN_DATA=DIR, ` +
        "or give your user write access to this one.",
    );
  }
}

/** OWASP's N = 2^17: the cost may be lowered for tests, never raised past what the app uses. */
const OWASP_LOG2N = 17;

/** scrypt's cost with N = 2^`log2N` from the environment, r = 8 and p = 1 as OWASP says. */
function passwordCost(log2N: string | undefined): SigninConfig["passwordCost"] {
  if (!log2N) return undefined;
  if (!/^\d{1,2}$/.test(log2N) || Number(log2N) < 1 || Number(log2N) > OWASP_LOG2N) {
    throw new CliError(
      `SIGNIN_PASSWORD_COST is log2 of scrypt's N, a whole number from 1 to ${OWASP_LOG2N}, ` +
        `not "${log2N}". Leave it unset outside tests.`,
    );
  }
  return { log2N: Number(log2N), r: 8, p: 1 };
}

/** The keys from `SIGNIN_SESSION_KEYS`, else the key kept in the data folder. */
function sessionKeys(dataDir: string, env: NodeJS.ProcessEnv): string[] {
  if (!env.SIGNIN_SESSION_KEYS) return [storedKey(path.join(dataDir, "session-key"))];
  const keys = env.SIGNIN_SESSION_KEYS.split(",").map((key) => key.trim());
  for (const [index, key] of keys.entries()) {
    if (Buffer.byteLength(key) < MINIMUM_KEY_BYTES) {
      throw new CliError(
        `key ${index + 1} in SIGNIN_SESSION_KEYS is shorter than ${MINIMUM_KEY_BYTES} bytes. ` +
          "Make one with: node -e \"console.log(crypto.randomBytes(32).toString('base64url'))\"",
      );
    }
  }
  return keys;
}

/**
 * The key in `file`, made and saved on first use. `wx` creates the file only
 * if it is not there, so two servers starting at once cannot both write one:
 * the second reads the first one's key.
 */
function storedKey(file: string): string {
  try {
    writeFileSync(file, randomBytes(32).toString("base64url"), { flag: "wx", mode: 0o600 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
  }
  const key = readFileSync(file, "utf8").trim();
  if (Buffer.byteLength(key) < MINIMUM_KEY_BYTES) {
    throw new CliError(
      `the session key in ${file} is shorter than ${MINIMUM_KEY_BYTES} bytes. ` +
        "Delete the file and a new key is made at the next start (everyone is signed out).",
    );
  }
  return key;
}
