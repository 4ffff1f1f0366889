/**
 * `gateway fastcgi FILE[:EXPORT]`: serve an app over FastCGI, for a web
 * server in front (Apache's `mod_proxy_fcgi`, nginx's `fastcgi_pass`), as
 * flup or PHP-FPM do.
 *
 * It listens on 127.0.0.1:9000 unless told otherwise; the web server's
 * config names that address. `--validate` checks the app against PEP 3333,
 * and `--workers N` serves from N processes, as `gateway serve` does;
 * `--trace` serves a trace page over HTTP on a port of its own
 * (--trace-port, else 9100).
 *
 * @example
 * // gateway fastcgi lessons/12-deployment/app.ts --port 9000
 * // gateway fastcgi lessons/12-deployment/app.ts:mounted --workers auto
 * // gateway fastcgi lessons/12-deployment/app.ts:mounted --trace
 */
import { serveFastCGI } from "../../fastcgi/server.ts";
import { hostAndPort } from "../../listening-server.ts";
import type { Command } from "../command.ts";
import { FASTCGI_PORT } from "../listen-address.ts";
import { serveApp } from "../serve-app.ts";

/** Serves the app a file exports over FastCGI until Ctrl-C. */
export const fastcgiCommand: Command = {
  name: "fastcgi",
  synopsis:
    "FILE[:EXPORT] [--host HOST] [--port PORT] [--validate] [--workers N|auto] [--graceful-timeout SECONDS] [--trace [--trace-port PORT]]",
  summary: "serve the app over FastCGI, behind Apache or nginx (options as for serve)",
  async run(args) {
    await serveApp(
      args,
      FASTCGI_PORT,
      (app, options) => serveFastCGI(app, options),
      (target, { host, port }) => {
        const address = hostAndPort(host, port);
        return [
          `FastCGI server for ${target} on ${address} (Ctrl-C to stop)`,
          "Point the web server at it, with nginx's",
          `  fastcgi_pass ${address};`,
          "or Apache's",
          `  ProxyPass "/" "fcgi://${address}/"`,
        ].join("\n");
      },
    );
  },
};
