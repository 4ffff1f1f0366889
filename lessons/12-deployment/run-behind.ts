/**
 * Running lesson 12's app behind a real web server, for the nginx and
 * Apache demos: the FastCGI server first, the web server in front of it,
 * and both stopped on Ctrl-C.
 *
 * The FastCGI server listens on 127.0.0.1:9000 unless `--fastcgi-port`
 * (or `FASTCGI_PORT`) says otherwise, and the web server on
 * 127.0.0.1:8012 unless `--port` (or `PORT`) does. `--raw` serves the app
 * without `mountedAt`, to see what the web server sends on its own.
 * `--web-only` starts the web server alone, in front of whatever listens
 * on the FastCGI port: to see the 502 or 503 while nothing does, and the
 * page once `npx gateway fastcgi` runs there. `--trace` serves the trace
 * page of the FastCGI server (on 8112 unless `--trace-port` says), to see
 * each request as the web server handed it over.
 *
 * @example
 * await runBehind("nginx", (options) => startFastCGIProxy(nginx, options));
 */
import net from "node:net";
import { CliError, UsageError } from "../../gateway/cli/cli-error.ts";
import { readArgs } from "../../gateway/cli/command.ts";
import { FASTCGI_PORT, listenAddress } from "../../gateway/cli/listen-address.ts";
import { runUntilStopped } from "../../gateway/cli/serve-until-stopped.ts";
import {
  servedApp,
  traceIfAsked,
  traceLine,
  traceOptions,
  withTracePage,
} from "../../gateway/cli/trace-option.ts";
import { serveFastCGI } from "../../gateway/fastcgi/server.ts";
import type { RunningTracePage } from "../../gateway/trace/server.ts";
import { demoListening } from "../../workshop/running-demos.ts";
import type { PrivateServer } from "../02-cgi-hello-world/apache/private-server.ts";
import type { ProxyOptions } from "./apache/private-apache.ts";
import { app, mounted } from "./app.ts";

const options = {
  port: { type: "string" },
  "fastcgi-port": { type: "string" },
  raw: { type: "boolean" },
  "web-only": { type: "boolean" },
  ...traceOptions,
} as const;

/** What the demos that serve no trace page (Express, Fetch) answer to `--trace`. */
export const TRACE_BEHIND_ONLY =
  "this demo draws no trace: to see lesson 12's requests drawn, run npm run demo -- 12 --trace " +
  "(behind nginx) or npm run demo -- 12 apache --trace (behind Apache)";

/** Where the web server mounts the app: what `mounted` expects, and what the configs say. */
const MOUNT = "/app";

/**
 * Serves lesson 12's app over FastCGI, starts `name` in front with `startProxy`,
 * prints where to go, and stops both on Ctrl-C. Errors a learner can fix are
 * printed as one line, with exit code 1 (2 for a mistyped flag).
 * @example await runBehind("Apache", (options) => startFastCGIProxy(apache, options));
 */
export async function runBehind(
  name: string,
  startProxy: (options: ProxyOptions) => Promise<PrivateServer>,
): Promise<void> {
  try {
    const { values } = readArgs(process.argv.slice(2), options);
    const { port } = listenAddress(values, 8012);
    const fastcgiPort = readFastcgiPort(values["fastcgi-port"] ?? process.env.FASTCGI_PORT);
    if (values.trace && values["web-only"]) throw new CliError(TRACE_WEB_ONLY);
    const tracer = traceIfAsked(values);
    const served = servedApp(values.raw ? app : mounted, values);
    await checkFree(port);
    const start = async () => {
      const fastcgi = values["web-only"]
        ? { address: `127.0.0.1:${fastcgiPort}`, close: async () => {} }
        : await serveFastCGI(served, { port: fastcgiPort }).catch((error: NodeJS.ErrnoException) =>
            fastcgiPortInUse(error, fastcgiPort),
          );
      // Its message says "nginx did not start: ...", where the config and logs were kept.
      const web = await startProxy({ port, fastcgi: fastcgi.address, mount: MOUNT }).catch(
        async (error: Error) => {
          await fastcgi.close();
          throw new CliError(error.message);
        },
      );
      // The web server first: nothing then reaches a FastCGI server that is gone.
      const close = async () => {
        await web.stop();
        await fastcgi.close();
      };
      return { fastcgi: fastcgi.address, web, port, close };
    };
    const running = await runUntilStopped(
      () => withTracePage(tracer, start, values, `Lesson 12 demo behind ${name}`),
      { host: "127.0.0.1", port },
      (started) => announcement(name, values, fastcgiPort, started),
    );
    demoListening(running.web.url, running.tracePage?.url);
  } catch (error) {
    if (!(error instanceof CliError)) throw error;
    console.error(`Lesson 12 demo: ${error.message}`);
    process.exitCode = error.exitCode;
  }
}

/** What the demo prints once both servers listen: where to go, what serves, and where the logs are. */
function announcement(
  name: string,
  flags: { raw?: boolean; "web-only"?: boolean },
  fastcgiPort: number,
  running: { fastcgi: string; web: PrivateServer; tracePage?: RunningTracePage },
): string {
  const { fastcgi, web } = running;
  return [
    `Lesson 12 demo: open ${web.url}app/`,
    flags["web-only"]
      ? `  no FastCGI server started: ${name} expects one on ${fastcgi}, such as\n` +
        `  npx gateway fastcgi lessons/12-deployment/app.ts:mounted --port ${fastcgiPort}`
      : `  ${flags.raw ? "the raw app (no mountedAt)" : 'mountedAt("/app")(app)'} serves FastCGI on ${fastcgi}`,
    `  ${name} listens on ${web.url} and passes ${MOUNT}/ to it`,
    `  ${name}'s config and logs (error.log, access.log) are in ${web.runDir}${traceLine(running)}`,
    "Press Ctrl-C to stop.",
  ].join("\n");
}

/** With --web-only, the FastCGI server is someone else's: its requests are not in this process. */
const TRACE_WEB_ONLY =
  "--trace draws the requests of the demo's own FastCGI server: leave out --web-only, or trace " +
  "the server you start with npx gateway fastcgi lessons/12-deployment/app.ts:mounted --trace";

function readFastcgiPort(text: string | undefined): number {
  if (text === undefined) return FASTCGI_PORT;
  if (!/^\d+$/.test(text) || Number(text) > 65535) {
    throw new UsageError(`--fastcgi-port must be a port number from 0 to 65535, not "${text}".`);
  }
  return Number(text);
}

async function fastcgiPortInUse(error: NodeJS.ErrnoException, port: number): Promise<never> {
  if (error.code !== "EADDRINUSE") throw error;
  throw new CliError(
    `the FastCGI port ${port} is in use (another FastCGI server, PHP-FPM?): ` +
      `stop that server, or pass another port, such as --fastcgi-port ${await freePortAfter(port)}`,
  );
}

/** Apache and nginx say "Address already in use" deep in their log: say it here first. */
async function checkFree(port: number): Promise<void> {
  if (!(await isFree(port))) {
    throw new CliError(
      `port ${port} is in use: stop the other server, ` +
        `or pass another port, such as --port ${await freePortAfter(port)}`,
    );
  }
}

/** The first port after `port` that is free now: a suggestion that works, not one that loops. */
async function freePortAfter(port: number): Promise<number> {
  for (let next = port + 1; next <= 65535; next += 1) if (await isFree(next)) return next;
  return freePortAfter(1023); // past the last port: from the first one anyone may use
}

function isFree(port: number): Promise<boolean> {
  const probe = net.createServer();
  return new Promise<boolean>((resolve) => {
    probe.once("error", () => resolve(false));
    probe.listen(port, "127.0.0.1", () => probe.close(() => resolve(true)));
  });
}
