/**
 * `gateway serve FILE[:EXPORT]`: serve an app over HTTP, like `gunicorn
 * module:app` or `uvicorn module:app`.
 *
 * `--validate` wraps the app in the validator, so every request checks the
 * app against PEP 3333 and a broken rule fails with a message that says how
 * to fix it.
 *
 * `--trace` serves a page beside it that draws each request's path
 * through the interface (--trace-port, else the app's port + 100).
 *
 * @example
 * // gateway serve lessons/03-gateway-app/app.ts --port 8003 --validate
 */
import { serve } from "../../http-server.ts";
import type { Command } from "../command.ts";
import { parseCommand } from "../command.ts";
import { appServerOptions, HTTP_PORT, listenAddress } from "../listen-address.ts";
import { loadApp } from "../load-app.ts";
import { runUntilStopped } from "../serve-until-stopped.ts";
import {
  servedApp,
  traceIfAsked,
  traceLine,
  traceOptions,
  withTracePage,
} from "../trace-option.ts";

/** Serves the app a file exports until Ctrl-C. */
export const serveCommand: Command = {
  name: "serve",
  synopsis: "FILE[:EXPORT] [--host HOST] [--port PORT] [--validate] [--trace [--trace-port PORT]]",
  summary:
    "serve the app over HTTP (--validate checks it against PEP 3333, --trace draws each request)",
  async run(args) {
    const options = { ...appServerOptions, ...traceOptions };
    const { operand, values } = parseCommand(args, "FILE[:EXPORT]", options);
    const address = listenAddress(values, HTTP_PORT);
    const tracer = traceIfAsked(values); // before loading: the app's stack() calls ask
    const { app, file, exportName } = await loadApp(operand);
    const name = `${file}:${exportName}`;
    await runUntilStopped(
      () => withTracePage(tracer, () => serve(servedApp(app, values), address), values, name),
      address,
      (running) => `Serving ${name} on ${running.url} (Ctrl-C to stop)${traceLine(running)}`,
    );
  },
};
