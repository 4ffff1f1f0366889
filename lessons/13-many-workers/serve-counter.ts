/**
 * Serving lesson 13's counter from worker processes, counting in
 * PostgreSQL: what `npm run demo -- 13` runs.
 *
 * With workers, this code runs once as the supervisor, then once again in
 * each worker (lesson 13, "Two workers"). The supervisor chooses the
 * database (starting the embedded one if need be) and makes the table;
 * each worker only connects, to the URL the supervisor left in
 * `DATABASE_URL`. Once the workers listen, the supervisor sends a few
 * requests and prints what each worker answered.
 *
 * @example
 * await serveCounter(["--workers", "2"]); // Lesson 13 demo: open http://127.0.0.1:8013/
 */
import { CliError } from "../../gateway/cli/cli-error.ts";
import { readArgs } from "../../gateway/cli/command.ts";
import { HTTP_PORT, listenAddress, listenOptions } from "../../gateway/cli/listen-address.ts";
import { serveUntilStopped } from "../../gateway/cli/serve-until-stopped.ts";
import { readWorkerOptions, workerOptions } from "../../gateway/cli/worker-options.ts";
import { isSupervisedWorker } from "../../gateway/workers/worker.ts";
import { counterApp } from "./counter-app.ts";
import { PostgresCounts } from "./counts.ts";
import { type ChosenDatabase, chooseDatabase } from "./database.ts";
import { showWorkers } from "./show-workers.ts";

/**
 * Serves until Ctrl-C, from `--workers N` processes (2 unless told), the
 * embedded PostgreSQL's data in `--data DIR` (data/lesson-13 unless told); a
 * problem it can name (a port in use, a database it cannot reach) is one
 * line and exit code 1, not a stack.
 * @example await serveCounter(process.argv.slice(2));
 */
export async function serveCounter(argv: string[]): Promise<void> {
  let database: ChosenDatabase | undefined;
  try {
    const options = { ...listenOptions, ...workerOptions, data: { type: "string" } } as const;
    const { values } = readArgs(argv, options);
    const { workers = 2 } = readWorkerOptions(values);
    database = isSupervisedWorker() ? inherited() : await chooseDatabase(values.data);
    const counts = new PostgresCounts(database.url);
    if (!isSupervisedWorker()) await ready(counts, database);
    const { where, close } = database;
    const alsoClose = async () => {
      await counts.close();
      await close();
    };
    const running = await serveUntilStopped(
      counterApp(counts),
      listenAddress(values, HTTP_PORT + 13),
      (url) => `Lesson 13 demo: open ${url}\n${workers} workers, counting in ${where}.`,
      { workers, alsoClose },
    );
    console.log("Six requests, each on a new connection:");
    await showWorkers(running.url, 6);
    console.log("Press Ctrl-C to stop.");
  } catch (error) {
    await database?.close();
    if (!(error instanceof CliError)) throw error;
    console.error(`Lesson 13 demo: ${error.message}`);
    process.exitCode = error.exitCode;
  }
}

/** A worker's database: the one its supervisor chose, by the URL it left in the environment. */
function inherited(): ChosenDatabase {
  return { url: String(process.env.DATABASE_URL), where: "", close: async () => {} };
}

/** Makes the table, or says in one line why the database cannot be used. */
async function ready(counts: PostgresCounts, database: ChosenDatabase): Promise<void> {
  try {
    await counts.ready();
  } catch (error) {
    throw new CliError(
      `cannot use ${database.where}: ${(error as Error).message}. Start that server, or fix ` +
        "DATABASE_URL (unset, the demo starts an embedded PostgreSQL).",
    );
  }
}
