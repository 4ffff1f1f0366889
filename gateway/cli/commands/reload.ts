/**
 * `gateway reload [--host HOST] [--port PORT]`: replace the workers of a
 * server started with `--workers`, one at a time, refusing no request.
 *
 * On Linux and macOS, `kill -HUP PID` does the same. This command asks
 * through the supervisor's local channel (workers/reload-channel.ts)
 * instead, so it works on Windows too, which has no SIGHUP, and needs only
 * the address the server was started with. It waits until the reload is
 * over and prints how it went: exit code 0 when every worker was replaced,
 * 1 when the reload stopped (the workers not yet replaced serve on).
 *
 * @example
 * // gateway reload --port 8000
 * // reloaded: workers 4401, 4402 serve now
 */
import { requestReload } from "../../workers/reload-channel.ts";
import { CliError, UsageError } from "../cli-error.ts";
import { type Command, readArgs } from "../command.ts";
import { HTTP_PORT, listenAddress, listenOptions } from "../listen-address.ts";

/** Asks a running supervisor to reload its workers, and says how it went. */
export const reloadCommand: Command = {
  name: "reload",
  synopsis: "[--host HOST] [--port PORT]",
  summary:
    "replace the workers of a server started with --workers, one at a time (also on Windows)",
  async run(args) {
    const { values, positionals } = readArgs(args, listenOptions);
    if (positionals.length > 0) {
      throw new UsageError(
        `reload names the server by --host and --port, not "${positionals[0]}".`,
      );
    }
    const { host, port } = listenAddress(values, HTTP_PORT);
    const answer = await requestReload(host, port).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== "ENOENT" && error.code !== "ECONNREFUSED") throw error;
      throw new CliError(
        `no server started with --workers listens on ${host}:${port}, so nothing was reloaded. ` +
          "Check --port (gateway fastcgi serves 9000 unless told); a server started without " +
          "--workers cannot reload: stop it and start it again.",
      );
    });
    if (!answer.ok) throw new CliError(answer.message);
    console.log(answer.message);
  },
};
