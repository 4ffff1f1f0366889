/**
 * `npm start`: the workshop home on http://127.0.0.1:8000/.
 *
 * Like every server here it takes `--host`/`--port` (`npm start -- --port
 * 8080`), else `HOST`/`PORT`, else 127.0.0.1 and 8000. A mistake (the port
 * is taken, say) is one line on stderr and exit code 1.
 *
 * @example
 * // npm start
 * // Workshop running at http://127.0.0.1:8000/
 */
import { CliError } from "../gateway/cli/cli-error.ts";
import { readArgs } from "../gateway/cli/command.ts";
import { HTTP_PORT, listenAddress, listenOptions } from "../gateway/cli/listen-address.ts";
import { serveUntilStopped } from "../gateway/cli/serve-until-stopped.ts";
import { homeApp } from "./home.ts";
import { warnIfUntestedNode } from "./node-version.ts";

warnIfUntestedNode();
try {
  const { values } = readArgs(process.argv.slice(2), listenOptions);
  await serveUntilStopped(
    homeApp(),
    listenAddress(values, HTTP_PORT),
    (url) => `Workshop running at ${url}\nPress Ctrl-C to stop.`,
  );
} catch (error) {
  if (!(error instanceof CliError)) throw error;
  console.error(`npm start: ${error.message}`);
  process.exitCode = error.exitCode;
}
