/**
 * `gateway serve FILE[:EXPORT]`: serve an app over HTTP, like `gunicorn
 * module:app` or `uvicorn module:app`.
 *
 * `--validate` wraps the app in the validator, so every request checks the
 * app against PEP 3333 and a broken rule fails with a message that says how
 * to fix it. `--workers N` serves from N processes, kept alive by a
 * supervisor (`--workers auto`: one per core).
 *
 * `--trace` serves a page beside it that draws each request's path
 * through the interface (--trace-port, else the app's port + 100).
 *
 * @example
 * // gateway serve lessons/03-gateway-app/app.ts --port 8003 --validate
 * // gateway serve lessons/03-gateway-app/app.ts --workers 2
 * // gateway serve lessons/05-function-middleware/stack.ts --trace
 */
import { serve } from "../../http-server.ts";
import { hostAndPort } from "../../listening-server.ts";
import type { Command } from "../command.ts";
import { HTTP_PORT } from "../listen-address.ts";
import { serveApp } from "../serve-app.ts";

/** Serves the app a file exports until Ctrl-C. */
export const serveCommand: Command = {
  name: "serve",
  synopsis:
    "FILE[:EXPORT] [--host HOST] [--port PORT] [--validate] [--workers N|auto] [--graceful-timeout SECONDS] [--trace [--trace-port PORT]]",
  summary:
    "serve the app over HTTP (--validate checks it against PEP 3333, --trace draws each request)",
  async run(args) {
    await serveApp(
      args,
      HTTP_PORT,
      (app, options) => serve(app, options),
      (target, { host, port }) =>
        `Serving ${target} on http://${hostAndPort(host, port)}/ (Ctrl-C to stop)`,
    );
  },
};
