/**
 * `gateway fastcgi FILE[:EXPORT]`: serve an app over FastCGI, for a web
 * server in front (Apache's `mod_proxy_fcgi`, nginx's `fastcgi_pass`), as
 * flup or PHP-FPM do.
 *
 * It listens on 127.0.0.1:9000 unless told otherwise; the web server's
 * config names that address. `--validate` checks the app against PEP 3333,
 * as `gateway serve --validate` does, and `--trace` serves a trace page
 * over HTTP on a port of its own (--trace-port, else 9100).
 *
 * @example
 * // gateway fastcgi lessons/12-deployment/app.ts --port 9000
 */
import { serveFastCGI } from "../../fastcgi/server.ts";
import type { Command } from "../command.ts";
import { parseCommand } from "../command.ts";
import { appServerOptions, FASTCGI_PORT, listenAddress } from "../listen-address.ts";
import { loadApp } from "../load-app.ts";
import { runUntilStopped } from "../serve-until-stopped.ts";
import {
  servedApp,
  traceIfAsked,
  traceLine,
  traceOptions,
  withTracePage,
} from "../trace-option.ts";

/** Serves the app a file exports over FastCGI until Ctrl-C. */
export const fastcgiCommand: Command = {
  name: "fastcgi",
  synopsis: "FILE[:EXPORT] [--host HOST] [--port PORT] [--validate] [--trace [--trace-port PORT]]",
  summary: "serve the app over FastCGI, behind Apache or nginx (--validate, --trace as for serve)",
  async run(args) {
    const options = { ...appServerOptions, ...traceOptions };
    const { operand, values } = parseCommand(args, "FILE[:EXPORT]", options);
    const address = listenAddress(values, FASTCGI_PORT);
    const tracer = traceIfAsked(values); // before loading: the app's stack() calls ask
    const { app, file, exportName } = await loadApp(operand);
    const name = `${file}:${exportName}`;
    await runUntilStopped(
      () =>
        withTracePage(tracer, () => serveFastCGI(servedApp(app, values), address), values, name),
      address,
      (running) =>
        [
          `FastCGI server for ${name} on ${running.address} (Ctrl-C to stop)`,
          "Point the web server at it, with nginx's",
          `  fastcgi_pass ${running.address};`,
          "or Apache's",
          `  ProxyPass "/" "fcgi://${running.address}/"`,
        ].join("\n") + traceLine(running),
    );
  },
};
