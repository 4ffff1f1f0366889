/**
 * `npm run demo -- 2`: the CGI programs in `cgi-bin/` under the workshop's
 * CGI host, one process per request. It listens on http://127.0.0.1:8002/.
 * Like every demo it takes `--host`/`--port` (or `HOST`/`PORT`).
 */
import path from "node:path";
import { fileURLToPath } from "node:url";
import { cgiHost } from "../../gateway/cgi-host.ts";
import { CliError } from "../../gateway/cli/cli-error.ts";
import { readArgs } from "../../gateway/cli/command.ts";
import { listenAddress, listenOptions } from "../../gateway/cli/listen-address.ts";
import { serveUntilStopped } from "../../gateway/cli/serve-until-stopped.ts";
import { demoListening } from "../../workshop/running-demos.ts";

const programs = path.join(path.dirname(fileURLToPath(import.meta.url)), "cgi-bin");

/** What the demo prints once it listens: where to click. */
function announce(url: string): string {
  return [
    `Lesson 02 demo: the CGI programs in ${programs}`,
    `  ${url}hello.ts?x=1          Hello World!, written by hand`,
    `  ${url}printenv.ts/a/b?x=1   every meta-variable the program got`,
    `  ${url}exercise-hello.ts     your exercise 02-cgi-response`,
    `  ${url}exercise-greeting.ts  your exercise 02-cgi-greeting`,
    "Press Ctrl-C to stop.",
  ].join("\n");
}

try {
  // #region demo
  const { values } = readArgs(process.argv.slice(2), listenOptions);
  const running = await serveUntilStopped(cgiHost(programs), listenAddress(values, 8002), announce);
  // #endregion demo
  demoListening(running.url);
} catch (error) {
  if (!(error instanceof CliError)) throw error;
  console.error(`Lesson 02 demo: ${error.message}`);
  process.exitCode = error.exitCode;
}
