/**
 * Where a server listens: `--host` and `--port`, else `HOST` and `PORT`.
 *
 * Every server in the workshop listens on 127.0.0.1, so nothing is reachable
 * from the network unless asked, and on a port of its own (lesson NN's demo
 * on 80NN, the workshop home on 8000). Flags win over environment variables,
 * which win over the defaults, as in uvicorn and most hosting platforms.
 *
 * @example
 * listenAddress({ port: "8003" }, 8000); // { host: "127.0.0.1", port: 8003 }
 */
import { UsageError } from "./cli-error.ts";

/** A host and port to listen on. Port 0 lets the system pick a free one. */
export interface ListenAddress {
  host: string;
  port: number;
}

/** The options every serving command takes, in `parseArgs` form. */
export const listenOptions = {
  host: { type: "string" },
  port: { type: "string" },
} as const;

/** Listen on the loopback interface only, unless told otherwise. */
export const DEFAULT_HOST = "127.0.0.1";

/** The port of the workshop home and of `gateway serve`; lesson NN's demo uses 8000 + NN. */
export const HTTP_PORT = 8000;

/** The port of `gateway fastcgi`: the one FastCGI servers usually take, as PHP-FPM does. */
export const FASTCGI_PORT = 9000;

/**
 * The address from the flags, else the environment, else the defaults.
 * @example listenAddress({}, 8000, { PORT: "8080" }); // { host: "127.0.0.1", port: 8080 }
 */
export function listenAddress(
  flags: { host?: string; port?: string },
  defaultPort: number,
  env: NodeJS.ProcessEnv = process.env,
): ListenAddress {
  const host = flags.host ?? (env.HOST || DEFAULT_HOST);
  if (flags.port !== undefined) return { host, port: parsePort(flags.port, "--port") };
  if (env.PORT) return { host, port: parsePort(env.PORT, "PORT") };
  return { host, port: defaultPort };
}

/**
 * A port number from text; `source` names where it came from, in the error.
 * @example parsePort("8003", "--port"); // 8003
 */
export function parsePort(text: string, source: string): number {
  const port = Number(text);
  if (!/^\d+$/.test(text) || port > 65535) {
    throw new UsageError(`${source} must be a port number from 0 to 65535, not "${text}".`);
  }
  return port;
}
