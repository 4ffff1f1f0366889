/**
 * Opening the store the settings chose: the PostgreSQL server at a URL, or
 * SQLite in the data folder. (An embedded PostgreSQL is started first, by
 * server.ts, and then opened by its URL like any other.) The PostgreSQL
 * client is loaded only when it is used: the SQLite default starts
 * without it.
 *
 * @example
 * const store = await openStore({ dataDir, schema: "signin_starter", database: { kind: "sqlite" } });
 */
import { openSqliteStore, type StoreOptions } from "./sqlite-store.ts";
import type { SigninStore } from "./store.ts";

/**
 * What choosing a store needs from the settings (config.ts).
 * @example const where: StoreConfig = { dataDir: "data/signin-starter", schema: "signin_starter", database: { kind: "postgres", url } };
 */
export interface StoreConfig {
  dataDir: string;
  schema: string;
  database: { kind: "sqlite" } | { kind: "postgres"; url: string };
}

/**
 * The store for `config`: PostgreSQL (not connected until first used) or
 * SQLite (opened and migrated).
 * @example const store = await openStore(config); await store.ready();
 */
export async function openStore(
  config: StoreConfig,
  options: StoreOptions = {},
): Promise<SigninStore> {
  const { database } = config;
  if (database.kind === "postgres") {
    const { openPostgresStore } = await import("./postgres-store.ts");
    return openPostgresStore({ url: database.url, schema: config.schema, ...options });
  }
  return openSqliteStore(config.dataDir, options);
}
