/**
 * `gateway cgi-host DIR`: serve a folder of CGI programs over HTTP, one
 * process per request, as Apache's `mod_cgi` does; lesson 2 needs no Apache.
 *
 * @example
 * // gateway cgi-host lessons/02-cgi-hello-world/cgi-bin --port 8002
 */
import { stat } from "node:fs/promises";
import { resolve } from "node:path";
import { cgiHost } from "../../cgi-host.ts";
import { CliError } from "../cli-error.ts";
import type { Command } from "../command.ts";
import { parseCommand } from "../command.ts";
import { HTTP_PORT, listenAddress, listenOptions } from "../listen-address.ts";
import { serveUntilStopped } from "../serve-until-stopped.ts";

/** Serves every program in a folder until Ctrl-C. */
export const cgiHostCommand: Command = {
  name: "cgi-host",
  synopsis: "DIR [--host HOST] [--port PORT]",
  summary: "serve a folder of CGI programs over HTTP, one process per request",
  async run(args) {
    const { operand, values } = parseCommand(args, "DIR", listenOptions);
    const address = listenAddress(values, HTTP_PORT);
    const dir = await findFolder(operand);
    await serveUntilStopped(
      cgiHost(dir),
      address,
      (url) => `Serving the CGI programs in ${operand} on ${url} (Ctrl-C to stop)`,
    );
  },
};

async function findFolder(folder: string): Promise<string> {
  const path = resolve(folder);
  const stats = await stat(path).catch(() => undefined);
  if (stats === undefined) {
    throw new CliError(`cannot find ${folder} (looked in ${path}). Check the path.`);
  }
  if (!stats.isDirectory()) {
    throw new CliError(`${folder} is a file: cgi-host serves a folder of CGI programs.`);
  }
  return path;
}
