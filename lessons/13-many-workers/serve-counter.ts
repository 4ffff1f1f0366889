/**
 * Serving lesson 13's counter from worker processes, counting in
 * PostgreSQL: what `npm run demo -- 13` runs.
 *
 * With workers, this code runs once as the supervisor, then once again in
 * each worker (lesson 13, Step 2: "How one program becomes three processes"). The supervisor chooses the
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
import type { PrivateServer } from "../02-cgi-hello-world/apache/private-server.ts";
import { counterApp } from "./counter-app.ts";
import { PostgresCounts } from "./counts.ts";
import { type ChosenDatabase, chooseDatabase } from "./database.ts";
import { startHttpProxy } from "./nginx/private-nginx.ts";
import { showWorkers } from "./show-workers.ts";

/**
 * Serves until Ctrl-C, from `--workers N` processes (2 unless told), the
 * embedded PostgreSQL's data in `--data DIR` (data/lesson-13 unless told); a
 * problem it can name (a port in use, a database it cannot reach) is one
 * line and exit code 1, not a stack. With `nginx` (its program), nginx
 * serves the lesson's port, in front of the workers on a free one.
 * @example await serveCounter(process.argv.slice(2));
 */
export async function serveCounter(argv: string[], nginx?: string): Promise<void> {
  let database: ChosenDatabase | undefined;
  let proxy: PrivateServer | undefined;
  try {
    const options = { ...listenOptions, ...workerOptions, data: { type: "string" } } as const;
    const { values } = readArgs(argv, options);
    const { workers = 2 } = readWorkerOptions(values);
    database = isSupervisedWorker() ? inherited() : await chooseDatabase(values.data);
    const counts = new PostgresCounts(database.url);
    if (!isSupervisedWorker()) await ready(counts, database);
    const { where, close } = database;
    const alsoClose = async () => {
      await proxy?.stop();
      await counts.close();
      await close();
    };
    const address = listenAddress(values, HTTP_PORT + 13);
    // Behind nginx, nginx takes the lesson's port, and the workers any free one.
    const workersAddress = nginx === undefined ? address : { ...address, port: 0 };
    const open = nginx === undefined ? "open" : "the workers listen on";
    const running = await serveUntilStopped(
      counterApp(counts),
      workersAddress,
      (url) => `Lesson 13 demo: ${open} ${url}\n${workers} workers, counting in ${where}.`,
      { workers, alsoClose },
    );
    let url = running.url;
    if (nginx !== undefined) {
      proxy = await startNginx(nginx, address.port, `${running.host}:${running.port}`);
      url = proxy.url;
      console.log(
        `Lesson 13 demo: open ${url} (nginx, in front of the workers; its config in ${proxy.runDir})`,
      );
    }
    console.log("Six requests, each on a new connection:");
    await showWorkers(url, 6);
    console.log("Press Ctrl-C to stop.");
  } catch (error) {
    await proxy?.stop();
    await database?.close();
    if (!(error instanceof CliError)) throw error;
    console.error(`Lesson 13 demo: ${error.message}`);
    process.exitCode = error.exitCode;
  }
}

/** nginx in front of the workers; what stops it starting (the port in use, say) in one line. */
async function startNginx(bin: string, port: number, workers: string): Promise<PrivateServer> {
  try {
    return await startHttpProxy(bin, { port, workers });
  } catch (error) {
    throw new CliError((error as Error).message);
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
