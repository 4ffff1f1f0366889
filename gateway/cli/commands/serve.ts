/**
 * `gateway serve FILE[:EXPORT]`: serve an app over HTTP, like `gunicorn
 * module:app` or `uvicorn module:app`.
 *
 * `--validate` wraps the app in the validator, so every request checks the
 * app against PEP 3333 and a broken rule fails with a message that says how
 * to fix it.
 *
 * @example
 * // gateway serve lessons/03-gateway-app/app.ts --port 8003 --validate
 */
import { validator } from "../../validator/index.ts";
import type { Command } from "../command.ts";
import { parseCommand } from "../command.ts";
import { appServerOptions, HTTP_PORT, listenAddress } from "../listen-address.ts";
import { loadApp } from "../load-app.ts";
import { serveUntilStopped } from "../serve-until-stopped.ts";

/** Serves the app a file exports until Ctrl-C. */
export const serveCommand: Command = {
  name: "serve",
  synopsis: "FILE[:EXPORT] [--host HOST] [--port PORT] [--validate]",
  summary: "serve the app over HTTP (--validate checks it against PEP 3333)",
  async run(args) {
    const { operand, values } = parseCommand(args, "FILE[:EXPORT]", appServerOptions);
    const address = listenAddress(values, HTTP_PORT);
    const { app, file, exportName } = await loadApp(operand);
    const served = values.validate ? validator(app) : app;
    await serveUntilStopped(
      served,
      address,
      (url) => `Serving ${file}:${exportName} on ${url} (Ctrl-C to stop)`,
    );
  },
};
