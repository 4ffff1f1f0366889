/**
 * A `StoreBench` on PostgreSQL: each bench a schema of its own in one
 * server's database, dropped at the end, so the contract's tests share a
 * server and never each other's rows.
 *
 * @example
 * storeContract("PostgresStore", () => postgresBench(cluster.url));
 */
import { randomBytes } from "node:crypto";
import pg from "pg";
import {
  openPostgresStore,
  type PostgresStore,
  type PostgresStoreOptions,
} from "../../../solutions/signin/store/postgres-store.ts";
import type { StoreBench } from "./store-contract.ts";

/**
 * A new schema name, unlikely to meet another: `test_` and 12 hex digits.
 * @example const schema = freshSchema();
 */
export function freshSchema(): string {
  return `test_${randomBytes(6).toString("hex")}`;
}

/**
 * A store on `url` in `schema`, its log kept in `lines` rather than printed.
 * @example const store = pgStore(cluster.url, "test_x");
 */
export function pgStore(
  url: string,
  schema: string,
  options: Partial<PostgresStoreOptions> = {},
  lines: string[] = [],
): PostgresStore {
  return openPostgresStore({ url, schema, log: (line) => lines.push(line), ...options });
}

/**
 * A bench on the server at `url`, in a fresh schema.
 * @example const bench = await postgresBench(cluster.url);
 */
export async function postgresBench(url: string): Promise<StoreBench> {
  const schema = freshSchema();
  const peek = new pg.Pool({ connectionString: url, max: 1 });
  const table = (name: string) => `${pg.escapeIdentifier(schema)}.${name}`;
  return {
    open: async (options) => pgStore(url, schema, options),
    sessionIds: async () =>
      (
        await peek.query<{ id: string }>(`SELECT id FROM ${table("sessions")} ORDER BY id`)
      ).rows.map((row) => row.id),
    limitKeys: async (limiter) =>
      (
        await peek.query<{ key: string }>(
          `SELECT key FROM ${table("rate_limits")} WHERE limiter = $1 ORDER BY key COLLATE "C"`,
          [limiter],
        )
      ).rows.map((row) => row.key),
    userCount: async () =>
      Number((await peek.query(`SELECT count(*) AS n FROM ${table("users")}`)).rows[0].n),
    dispose: async () => {
      await peek.query(`DROP SCHEMA IF EXISTS ${pg.escapeIdentifier(schema)} CASCADE`);
      await peek.end();
    },
  };
}
