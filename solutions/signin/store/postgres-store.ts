/**
 * The store on PostgreSQL, through the `pg` client's pool of connections:
 * what several worker processes share when `DATABASE_URL` names a server.
 *
 * The learner's and the reference apps keep their tables apart in one
 * database, each in a schema of its own (`signin_starter`,
 * `signin_solutions`). Every statement names its tables with the schema
 * (`"signin_starter".users`) rather than relying on the connection's
 * `search_path`: the embedded server (embedded-postgres.ts) shares one
 * session between its connections, where a `SET` would reach them all.
 *
 * What holds with many processes:
 * - two sign-ups for one name at once: `INSERT ... ON CONFLICT DO NOTHING`
 *   is one statement, and the UNIQUE index makes the second wait for the
 *   first, then insert nothing: exactly one gets the account;
 * - a rate limiter's step takes a lock on its limiter and key
 *   (`pg_advisory_xact_lock`) for its transaction, so the read and the
 *   write of the count have no other process in between;
 * - the schema is migrated under a lock too (migrations.ts), on first use.
 *
 * A server that is down, restarting, or unreachable answers 503
 * (`databaseUnavailable`) and kills nothing: a connection that broke is
 * dropped from the pool (`pool.on("error")` says so in the log), and the
 * next request opens a new one. Nothing is retried behind the user's back:
 * a write whose answer was lost may have happened, so only the user, who
 * sees the 503, may decide to send it again.
 *
 * @example
 * const store = openPostgresStore({ url: "postgres://app@127.0.0.1:5432/workshop", schema: "signin_solutions" });
 * await store.ready(); // connects, and migrates the schema
 * await store.users.add("ada", hash);
 * await store.close();
 */
import pg from "pg";
import type { SessionData, SessionStore } from "../../../gateway/kit/sessions/index.ts";
import { USER_ID } from "../session-user.ts";
import {
  isNobodysName,
  nobodysName,
  normalizeUsername,
  type UserRecord,
  type Users,
} from "../users.ts";
import { migrate, type SchemaSession } from "./migrations.ts";
import { checkedMaxSessions, type StoreOptions } from "./sqlite-store.ts";
import {
  databaseUnavailable,
  type LimitChange,
  type LimitKey,
  type LimitStore,
  type SigninStore,
} from "./store.ts";

/**
 * Where the store connects, and the store's options.
 * @example const options: PostgresStoreOptions = { url: process.env.DATABASE_URL, schema: "signin_starter" };
 */
export interface PostgresStoreOptions extends StoreOptions {
  /** A `postgres://user:password@host:port/database` URL. */
  url: string;
  /** The schema that holds the tables; made if missing. */
  schema: string;
  /** Connections this process opens at most (default 10). */
  maxConnections?: number;
  /** Where a lost connection is reported (default: standard error). */
  log?: (line: string) => void;
}

/** A connection that cannot be had in this time is a database that is down: answer 503, do not hang. */
const CONNECT_TIMEOUT = 5_000;

/**
 * Makes the store; it connects on first use (or `ready()`), not here, so a
 * worker starts even while the database is down, and answers 503 until it
 * is back.
 * @example const store = openPostgresStore({ url, schema: "signin_solutions" });
 */
export function openPostgresStore(options: PostgresStoreOptions): PostgresStore {
  return new PostgresStore(options);
}

/**
 * The store on a PostgreSQL server.
 * @example new PostgresStore({ url, schema: "signin_starter", maxSessions: 1000 })
 */
export class PostgresStore implements SigninStore {
  readonly users: Users;
  readonly sessions: SessionStore;
  readonly limits: LimitStore;
  readonly where: string;
  readonly #pool: pg.Pool;
  readonly #schema: string;
  #migrated: Promise<void> | undefined;
  #closed: Promise<void> | undefined;

  constructor(options: PostgresStoreOptions) {
    this.#schema = options.schema;
    this.where = `schema ${options.schema} of PostgreSQL at ${withoutPassword(options.url)}`;
    this.#pool = new pg.Pool({
      connectionString: options.url,
      max: options.maxConnections ?? 10,
      connectionTimeoutMillis: CONNECT_TIMEOUT,
      // Who holds each connection, in pg_stat_activity: which app, which process.
      application_name: `signin ${options.schema} pid ${process.pid}`,
    });
    // Without a listener, a connection that breaks while idle in the pool (the
    // server restarted) would end the process. It is dropped; the next query opens another.
    const log = options.log ?? ((line) => process.stderr.write(`${line}\n`));
    this.#pool.on("error", (error) => {
      log(`PostgreSQL closed a connection (${error.message}); the next request opens another.`);
    });
    const table = tableNames(options.schema);
    const sql: Sql = { query: (text, values) => this.#query(text, values), table };
    this.users = postgresUsers(sql);
    this.sessions = postgresSessions(sql, options);
    this.limits = postgresLimits(sql, (work) => this.#transaction(work));
  }

  /**
   * Connects and migrates the schema, once; after a failure the next call tries again.
   * @example await store.ready();
   */
  ready(): Promise<void> {
    this.#migrated ??= this.#migrate().catch((error: unknown) => {
      this.#migrated = undefined;
      throw error;
    });
    return this.#migrated;
  }

  /** Closes every connection; a second call waits for the first. @example await store.close(); */
  close(): Promise<void> {
    this.#closed ??= this.#pool.end();
    return this.#closed;
  }

  async #migrate(): Promise<void> {
    const client = await this.#connect();
    try {
      await migrate(postgresSchema(client, this.#schema), "postgres", `the ${this.where}`);
    } catch (error) {
      throw cannotReach(error) ? databaseUnavailable(error) : error;
    } finally {
      client.release();
    }
  }

  async #query<Row extends pg.QueryResultRow>(text: string, values: unknown[]): Promise<Row[]> {
    await this.ready();
    try {
      return (await this.#pool.query<Row>(text, values)).rows;
    } catch (error) {
      throw cannotReach(error) ? databaseUnavailable(error) : error;
    }
  }

  /** Runs `work` in a transaction on one connection: committed if it resolves, else rolled back. */
  async #transaction<Result>(work: (client: pg.PoolClient) => Promise<Result>): Promise<Result> {
    await this.ready();
    const client = await this.#connect();
    try {
      await client.query("BEGIN");
      const result = await work(client);
      await client.query("COMMIT");
      client.release();
      return result;
    } catch (error) {
      await client.query("ROLLBACK").catch(() => {});
      // A connection that failed is closed rather than handed to the next request.
      client.release(cannotReach(error) ? (error as Error) : undefined);
      throw cannotReach(error) ? databaseUnavailable(error) : error;
    }
  }

  async #connect(): Promise<pg.PoolClient> {
    try {
      return await this.#pool.connect();
    } catch (error) {
      throw databaseUnavailable(error);
    }
  }
}

/** What the parts of the store share: a way to query, and the tables' full names. */
interface Sql {
  query<Row extends pg.QueryResultRow>(text: string, values: unknown[]): Promise<Row[]>;
  table: { users: string; sessions: string; rateLimits: string };
}

function tableNames(schema: string): Sql["table"] {
  const quoted = pg.escapeIdentifier(schema);
  return {
    users: `${quoted}.users`,
    sessions: `${quoted}.sessions`,
    rateLimits: `${quoted}.rate_limits`,
  };
}

/**
 * The migration runner's view of a schema. The advisory lock (one number,
 * from the schema's name) makes a second process wait until the first has
 * migrated; `SET LOCAL search_path` lets the steps name their tables
 * plainly, for this transaction only.
 */
function postgresSchema(client: pg.PoolClient, schema: string): SchemaSession {
  const quoted = pg.escapeIdentifier(schema);
  return {
    begin: async () => {
      await client.query("BEGIN");
      await client.query("SELECT pg_advisory_xact_lock(hashtext($1))", [`migrate ${schema}`]);
      await client.query(`CREATE SCHEMA IF NOT EXISTS ${quoted}`);
      await client.query(`SET LOCAL search_path TO ${quoted}`);
      await client.query(
        `CREATE TABLE IF NOT EXISTS schema_migrations (
           version integer PRIMARY KEY,
           name text NOT NULL,
           applied_at timestamptz NOT NULL DEFAULT now()
         )`,
      );
    },
    version: async () => {
      const { rows } = await client.query<{ version: number }>(
        "SELECT coalesce(max(version), 0) AS version FROM schema_migrations",
      );
      return rows[0]?.version ?? 0;
    },
    apply: async (sql, version, name) => {
      await client.query(sql);
      await client.query("INSERT INTO schema_migrations (version, name) VALUES ($1, $2)", [
        version,
        name,
      ]);
    },
    commit: async () => void (await client.query("COMMIT")),
    rollback: async () => void (await client.query("ROLLBACK")),
  };
}

/** The columns of a `UserRecord`, named as its properties; the time as ISO 8601 in UTC. */
const USER_COLUMNS = `id, username, password_hash AS "passwordHash",
  to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "createdAt"`;

function postgresUsers({ query, table }: Sql): Users {
  const first = (rows: UserRecord[]) => rows[0];
  return {
    async add(username, passwordHash) {
      if (isNobodysName(username)) throw nobodysName();
      const inserted = await query<UserRecord>(
        `INSERT INTO ${table.users} (username, password_hash) VALUES ($1, $2)
         ON CONFLICT (username) DO NOTHING
         RETURNING ${USER_COLUMNS}`,
        [normalizeUsername(username), passwordHash],
      );
      return first(inserted);
    },
    async byUsername(username) {
      if (isNobodysName(username)) return undefined;
      const name = normalizeUsername(username);
      return first(
        await query(`SELECT ${USER_COLUMNS} FROM ${table.users} WHERE username = $1`, [name]),
      );
    },
    async byId(id) {
      return first(await query(`SELECT ${USER_COLUMNS} FROM ${table.users} WHERE id = $1`, [id]));
    },
  };
}

/**
 * Sessions, kept as sqlite-store.ts keeps them: expired rows never handed
 * out and deleted on each write, and past `maxSessions` the visitors' rows
 * closest to expiring go first. The write is one statement; the tidying is
 * another, after it (`tidy`).
 */
function postgresSessions(sql: Sql, options: StoreOptions): SessionStore {
  const { query, table } = sql;
  const maxSessions = checkedMaxSessions(options.maxSessions);
  const now = options.now ?? Date.now;
  return {
    async get(id) {
      const rows = await query<{ data: string }>(
        `SELECT data FROM ${table.sessions} WHERE id = $1 AND expires_at > $2`,
        [id, now()],
      );
      return rows[0] === undefined ? undefined : (JSON.parse(rows[0].data) as SessionData);
    },
    async set(id, data, expiresAt) {
      await query(
        `INSERT INTO ${table.sessions} (id, data, expires_at) VALUES ($1, $2, $3)
         ON CONFLICT (id) DO UPDATE SET data = excluded.data, expires_at = excluded.expires_at`,
        [id, JSON.stringify(data), expiresAt],
      );
      // The overflow walks the live rows from the oldest, skipping signed-in users'.
      await tidy(
        sql,
        `DELETE FROM ${table.sessions} WHERE expires_at <= $1 OR id IN (
           SELECT id FROM ${table.sessions}
           WHERE expires_at > $1 AND (data::json ->> $2) IS NULL ORDER BY expires_at
           LIMIT greatest(0, (SELECT count(*) FROM ${table.sessions} WHERE expires_at > $1) - $3))`,
        [now(), USER_ID, maxSessions],
      );
    },
    async delete(id) {
      await query(`DELETE FROM ${table.sessions} WHERE id = $1`, [id]);
    },
  };
}

/**
 * The rate limiters' counts. The advisory lock is taken on the limiter and
 * the key (two numbers, hashed from them), not on the row: a key seen for
 * the first time has no row to lock yet, and two processes must not both
 * find it empty.
 */
function postgresLimits(
  sql: Sql,
  transaction: <Result>(work: (client: pg.PoolClient) => Promise<Result>) => Promise<Result>,
): LimitStore {
  const { table } = sql;
  return {
    async update<Result>(at: LimitKey, change: (hits: number[]) => LimitChange<Result>) {
      const result = await transaction(async (client) => {
        // A count need not survive a crash of the server (it would only give a guesser a few
        // more tries): this commit does not wait for the disk.
        await client.query("SET LOCAL synchronous_commit = off");
        const key = [at.limiter, at.key];
        await client.query("SELECT pg_advisory_xact_lock(hashtext($1), hashtext($2))", key);
        const { rows } = await client.query<{ hits: string }>(
          `SELECT hits FROM ${table.rateLimits} WHERE limiter = $1 AND key = $2 AND expires_at > $3`,
          [...key, at.now],
        );
        const decided = change(rows[0] === undefined ? [] : (JSON.parse(rows[0].hits) as number[]));
        if (decided.hits.length === 0) {
          await client.query(
            `DELETE FROM ${table.rateLimits} WHERE limiter = $1 AND key = $2`,
            key,
          );
        } else {
          await client.query(
            `INSERT INTO ${table.rateLimits} (limiter, key, hits, expires_at) VALUES ($1, $2, $3, $4)
             ON CONFLICT (limiter, key) DO UPDATE SET hits = excluded.hits, expires_at = excluded.expires_at`,
            [...key, JSON.stringify(decided.hits), decided.expiresAt],
          );
        }
        return decided.result;
      });
      await tidy(
        sql,
        `DELETE FROM ${table.rateLimits} WHERE limiter = $1 AND (expires_at <= $2 OR key IN (
           SELECT key FROM ${table.rateLimits} WHERE limiter = $1 AND expires_at > $2 ORDER BY expires_at
           LIMIT greatest(0, (SELECT count(*) FROM ${table.rateLimits}
                              WHERE limiter = $1 AND expires_at > $2) - $3)))`,
        [at.limiter, at.now, at.maxKeys],
      );
      return result;
    },
  };
}

/** PostgreSQL's code for "deadlock detected": it cancelled one of two statements waiting on each other. */
const DEADLOCK = "40P01";

/**
 * Deletes what is no longer needed, in a statement of its own after the
 * write, so that no transaction holds the key's lock while it waits for
 * other rows. Two tidyings at once may still wait on each other's rows;
 * PostgreSQL then cancels one, which loses nothing: the next write tidies
 * again.
 */
async function tidy(sql: Sql, text: string, values: unknown[]): Promise<void> {
  try {
    await sql.query(text, values);
  } catch (error) {
    if ((error as { code?: unknown }).code !== DEADLOCK) throw error;
  }
}

/** Error codes of a server that cannot be reached, from Node's sockets. */
const NETWORK_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "EPIPE",
  "ENOTFOUND",
  "EHOSTUNREACH",
  "EAI_AGAIN",
]);

/**
 * True for an error that says the server is out of reach rather than that
 * the query was wrong: a socket error, SQLSTATE class 08 (connection
 * exception), 57P01–57P03 (the server is shutting down or starting), 53300
 * (too many connections), or what `pg` says when a connection ends or
 * cannot be had in time.
 * @example cannotReach(Object.assign(new Error("connect"), { code: "ECONNREFUSED" })); // true
 */
export function cannotReach(error: unknown): boolean {
  if (typeof error !== "object" || error === null) return false;
  const { code, message, cause } = error as { code?: unknown; message?: unknown; cause?: unknown };
  // A failed schema step wraps the error it met (migrations.ts).
  if (cause !== undefined && cannotReach(cause)) return true;
  if (typeof code === "string") {
    return (
      NETWORK_CODES.has(code) ||
      code.startsWith("08") ||
      /^57P0[123]$/.test(code) ||
      code === "53300"
    );
  }
  return /Connection terminated|timeout exceeded when trying to connect|not queryable/i.test(
    String(message),
  );
}

/**
 * The URL with its password left out, for messages and logs.
 * @example withoutPassword("postgres://app:secret@db:5432/w"); // "postgres://app@db:5432/w"
 */
export function withoutPassword(url: string): string {
  try {
    const parsed = new URL(url);
    parsed.password = "";
    return parsed.href;
  } catch {
    return "(a URL that cannot be read)";
  }
}
