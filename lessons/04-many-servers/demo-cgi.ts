/**
 * `npm run demo -- 4 cgi`: the same app, unchanged, under the CGI host: a
 * new process per request. It runs through `cgi-bin/cgi-program.ts`. Like every
 * demo it takes `--host`/`--port` (or `HOST`/`PORT`): run it beside
 * `npm run demo -- 4` with `--port 8014` to compare the two.
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

try {
  const { values } = readArgs(process.argv.slice(2), listenOptions);
  const running = await serveUntilStopped(cgiHost(programs), listenAddress(values, 8004), (url) =>
    [
      `Lesson 04 demo, under the CGI host: open ${url}cgi-program.ts/some/path?x=1`,
      "Each request starts a new process. Press Ctrl-C to stop.",
    ].join("\n"),
  );
  demoListening(running.url);
} catch (error) {
  if (!(error instanceof CliError)) throw error;
  console.error(`Lesson 04 CGI demo: ${error.message}`);
  process.exitCode = error.exitCode;
}
