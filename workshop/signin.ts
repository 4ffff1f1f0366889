/**
 * `npm run signin`: runs the sign-in app of lesson 11.
 *
 * By default it runs the learner's copy, `starter/signin/`; with
 * `--solution`, the reference, `solutions/signin/`. Both listen on
 * 127.0.0.1:8011 unless `--host`/`--port` or `HOST`/`PORT` say otherwise,
 * and keep their data apart, in `data/signin-starter/` and
 * `data/signin-solutions/`, unless `--data DIR` or `SIGNIN_DATA` say
 * otherwise. Every other flag goes to the app's server.ts: `--postgres`
 * (an embedded PostgreSQL), `--workers N`; `DATABASE_URL` names a
 * PostgreSQL server.
 *
 * @example
 * // npm run signin
 * // npm run signin -- --solution --port 9011
 * // npm run signin -- --solution --postgres --workers 2
 */
import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import type { RunningServer } from "../gateway/http-server.ts";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

/** The server file of the chosen tree, and the flags left for it. */
function chooseTree(argv: string[]): { server: string; flags: string[] } {
  // `npm run signin -- -- --port 1` passes the second "--" through: drop it.
  const args = argv.filter((arg) => arg !== "--");
  const solution = args.includes("--solution");
  const tree = solution ? "solutions" : "starter";
  return {
    server: path.join(root, tree, "signin", "server.ts"),
    flags: args.filter((arg) => arg !== "--solution"),
  };
}

const { server, flags } = chooseTree(process.argv.slice(2));
if (existsSync(server)) {
  const { main } = (await import(pathToFileURL(server).href)) as {
    main: (argv: string[]) => Promise<RunningServer | undefined>;
  };
  await main(flags);
} else {
  console.error(
    `npm run signin: ${path.relative(root, server)} is missing. Restore it from git ` +
      "(git checkout -- starter/signin), or run the reference with npm run signin -- --solution.",
  );
  process.exitCode = 1;
}
