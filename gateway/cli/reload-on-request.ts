/**
 * Reloading a running server's workers when asked: the two ways to ask.
 *
 * On Linux and macOS, SIGHUP (`kill -HUP PID`) asks for a reload, as it
 * does of nginx and gunicorn. Windows has no SIGHUP: Node emits one there
 * only when the console window closes, and Windows ends the process soon
 * after, so there it is not taken as a reload. Everywhere, `gateway reload`
 * asks through a local channel (workers/reload-channel.ts), the way on
 * Windows and a handy one elsewhere: no pid to look up. The line that
 * `reloadOnRequest` returns tells the user which ways work here.
 *
 * @example
 * const { hint, close } = await reloadOnRequest(supervisor, "127.0.0.1");
 * console.log(hint); // 2 workers (pids 4312, 4313). To reload them one at a time: kill -HUP 4311, or ...
 */
import type { Server } from "node:net";
import { openReloadChannel } from "../workers/reload-channel.ts";
import type { Supervisor } from "../workers/supervisor.ts";
import { DEFAULT_HOST } from "./listen-address.ts";

/** The reload requests being listened for. */
export interface ReloadRequests {
  /** One line saying how many workers serve, and how to reload them. */
  hint: string;
  /** Stops listening for `gateway reload` (SIGHUP ends with the process). */
  close(): Promise<void>;
}

/**
 * Reloads `supervisor`'s workers on SIGHUP (not on Windows) and on `gateway reload`.
 * `host` is the one the server was asked to listen on, as `gateway reload --host` will name it.
 * @example const requests = await reloadOnRequest(supervisor, address.host);
 */
export async function reloadOnRequest(
  supervisor: Supervisor,
  host: string,
  platform: NodeJS.Platform = process.platform,
): Promise<ReloadRequests> {
  const reload = async () => {
    await supervisor.reload();
    return `reloaded: workers ${supervisor.pids.join(", ")} serve now`;
  };
  const channel = await openReloadChannel(host, supervisor.port, reload).catch((error: Error) => {
    console.error(`gateway reload cannot reach this server: ${error.message}`);
    return undefined;
  });
  const command = `npx gateway reload${host === DEFAULT_HOST ? "" : ` --host ${host}`} --port ${supervisor.port}`;
  const workers = `${supervisor.workers} workers (pids ${supervisor.pids.join(", ")})`;
  let hint = `${workers}. Windows has no SIGHUP: to reload them one at a time, run ${command}`;
  if (platform !== "win32") {
    // The supervisor logs how the reload went: nothing more to say here.
    process.on("SIGHUP", () => void reload().catch(() => {}));
    hint = `${workers}. To reload them one at a time: kill -HUP ${process.pid}, or ${command}`;
  }
  return { hint, close: () => closeChannel(channel) };
}

async function closeChannel(channel: Server | undefined): Promise<void> {
  if (channel === undefined) return;
  await new Promise((resolve) => channel.close(resolve));
}
