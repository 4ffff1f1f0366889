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
import { runUntilStopped } from "../gateway/cli/serve-until-stopped.ts";
import { serve } from "../gateway/http-server.ts";
import { createHome } from "./home.ts";
import { warnIfUntestedNode } from "./node-version.ts";

warnIfUntestedNode();
try {
  const { values } = readArgs(process.argv.slice(2), listenOptions);
  const address = listenAddress(values, HTTP_PORT);
  const home = createHome();
  await runUntilStopped(
    async () => {
      const server = await serve(home.app, address);
      // The home's live pages and demos end first, so the server has nothing left to wait for.
      const close = async () => {
        await home.close();
        await server.close();
      };
      return { url: server.url, close };
    },
    address,
    ({ url }) => `Workshop running at ${url}\nPress Ctrl-C to stop.`,
  );
} catch (error) {
  if (!(error instanceof CliError)) throw error;
  // npm keeps flags before a `--` to itself, so `npm start --port 8080` would not reach here.
  console.error(`npm start: ${error.message} (npm start -- --port 8080; 0 picks a free one)`);
  process.exitCode = error.exitCode;
}
