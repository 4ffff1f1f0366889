/**
 * `npm run signin`: runs the sign-in app of lesson 11.
 *
 * By default it runs the learner's copy, `starter/signin/`; with
 * `--solution`, the reference, `solutions/signin/`. Both listen on
 * 127.0.0.1:8011 unless `--host`/`--port` or `HOST`/`PORT` say otherwise,
 * and keep their data apart, in `data/signin-starter/` and
 * `data/signin-solutions/`, unless `--data DIR` or `SIGNIN_DATA` say
 * otherwise. With `--trace` (and `--trace-port PORT`, else 8111) it also
 * serves the trace page, each layer of the app's stack a lane. Every other
 * flag goes to the app's server.ts: `--postgres` (an embedded PostgreSQL),
 * `--workers N`; `DATABASE_URL` names a PostgreSQL server.
 *
 * @example
 * // npm run signin
 * // npm run signin -- --solution --port 9011
 * // npm run signin -- --trace
 * // npm run signin -- --solution --postgres --workers 2
 */
import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { CliError } from "../gateway/cli/cli-error.ts";
import { TRACE_WITH_WORKERS } from "../gateway/cli/serve-app.ts";
import {
  type TraceFlags,
  traceIfAsked,
  traceLine,
  withTracePage,
} from "../gateway/cli/trace-option.ts";
import type { RunningServer } from "../gateway/http-server.ts";
import { referenceAnswersOr } from "./reference-answers.ts";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

/** The chosen tree, its server file, and the flags left for it. */
function chooseTree(argv: string[]): { tree: string; server: string; flags: string[] } {
  // `npm run signin -- -- --port 1` passes the second "--" through: drop it.
  const args = argv.filter((arg) => arg !== "--");
  const tree = args.includes("--solution") ? "solutions" : "starter";
  return {
    tree,
    server: path.join(root, tree, "signin", "server.ts"),
    flags: args.filter((arg) => arg !== "--solution"),
  };
}

/** `--trace` and `--trace-port PORT` are this launcher's; the other flags are the server's. */
function takeTraceFlags(flags: string[]): { trace: TraceFlags; rest: string[] } {
  const at = flags.indexOf("--trace-port");
  const port = at === -1 ? undefined : flags[at + 1];
  const rest = flags.filter(
    (flag, i) => flag !== "--trace" && (at === -1 || (i !== at && i !== at + 1)),
  );
  return { trace: { trace: flags.includes("--trace"), "trace-port": port }, rest };
}

/** Runs the chosen copy of the app, or says what is missing and what to run instead. */
async function runSignin(argv: string[]): Promise<void> {
  const { tree, server, flags } = chooseTree(argv);
  const instead = "npm run signin (your own sign-in app, in starter/signin/)";
  if (tree === "solutions" && !referenceAnswersOr(root, "npm run signin -- --solution", instead)) {
    return;
  }
  if (!existsSync(server)) {
    console.error(
      `npm run signin: ${path.relative(root, server)} is missing. Restore it from git ` +
        "(git checkout -- starter/signin), or run the reference with npm run signin -- --solution.",
    );
    process.exitCode = 1;
    return;
  }
  const { trace, rest } = takeTraceFlags(flags);
  if (trace.trace && rest.some((flag) => flag.startsWith("--workers"))) {
    console.error(`npm run signin: ${TRACE_WITH_WORKERS}`);
    process.exitCode = 1;
    return;
  }
  const tracer = traceIfAsked(trace); // before the app's files build its stack
  const { main } = (await import(pathToFileURL(server).href)) as {
    main: (argv: string[]) => Promise<RunningServer | undefined>;
  };
  const running = await main(rest);
  if (running === undefined || tracer === undefined) return;
  try {
    const traced = await withTracePage(tracer, async () => running, trace, "the sign-in app");
    console.log(traceLine(traced).trimStart());
  } catch (error) {
    if (!(error instanceof CliError)) throw error;
    console.error(`npm run signin: ${error.message}`);
    process.exit(error.exitCode);
  }
}

await runSignin(process.argv.slice(2));
