/**
 * Which PostgreSQL lesson 13's demo counts in: the server `DATABASE_URL`
 * names, or else an embedded one (PGlite, PostgreSQL compiled to
 * WebAssembly, serving the wire protocol on a loopback port), so that a
 * laptop with no PostgreSQL installed runs the demo with one command.
 *
 * Only the supervisor starts the embedded server; it puts the server's URL
 * in `DATABASE_URL`, which the workers inherit, so every process connects
 * to the same one with the same `pg` code as to a real server.
 *
 * @example
 * const database = await chooseDatabase();
 * console.log(database.where); // "the embedded PostgreSQL in data/lesson-13"
 * // at the end: await database.close();
 */
import { mkdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

/** Where the embedded server keeps its data unless `--data` says: `data/` is gitignored. */
export const DATA_DIR = fileURLToPath(new URL("../../data/lesson-13", import.meta.url));

/** A database to connect to, said in words, and what to stop at the end. */
export interface ChosenDatabase {
  url: string;
  where: string;
  close(): Promise<void>;
}

/**
 * `DATABASE_URL` when it is set; else starts the embedded server in
 * `dataDir` (the first start makes its database, which takes a while: the
 * line printed says so).
 * @example const { url } = await chooseDatabase();
 */
export async function chooseDatabase(dataDir = DATA_DIR): Promise<ChosenDatabase> {
  const given = process.env.DATABASE_URL;
  if (given)
    return { url: given, where: "the PostgreSQL server DATABASE_URL names", close: async () => {} };
  const folder = path.relative(process.cwd(), dataDir) || ".";
  console.log(`Starting the embedded PostgreSQL in ${folder} (the first start takes ~15 s)...`);
  // Loaded only now: PGlite is large, and a real server does not need it.
  const { startEmbeddedPostgres } = await import("../../starter/signin/store/embedded-postgres.ts");
  mkdirSync(dataDir, { recursive: true });
  const embedded = await startEmbeddedPostgres(dataDir);
  process.env.DATABASE_URL = embedded.url;
  return {
    url: embedded.url,
    where: `the embedded PostgreSQL in ${folder}`,
    close: embedded.close,
  };
}
