/**
 * Asking a supervisor to reload from another terminal, on every system:
 * what `gateway reload` talks to.
 *
 * On Linux and macOS the usual way is a signal, SIGHUP (`kill -HUP PID`),
 * as for nginx and gunicorn. Windows has no SIGHUP (Node emits one there
 * only when the console window closes, and Windows ends the process soon
 * after) and no other signal one process can send another. So a supervisor
 * also listens on a local channel named after the address it serves: a
 * Unix socket in the temporary folder, or a named pipe on Windows. Only
 * this machine can reach either; and the socket takes the user's umask, so
 * other users cannot write to it, hence cannot connect. Connecting asks
 * for a reload; the supervisor answers with one line of JSON once the
 * reload is over (`{"ok":true,"message":"..."}`) and closes.
 *
 * @example
 * const channel = await openReloadChannel("127.0.0.1", 8000, async () => {
 *   await supervisor.reload();
 *   return "reloaded";
 * });
 * // elsewhere, even on Windows:
 * const { ok, message } = await requestReload("127.0.0.1", 8000);
 */
import { once } from "node:events";
import { rm } from "node:fs/promises";
import net from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";

/** What a reload request is answered. */
export interface ReloadAnswer {
  ok: boolean;
  /** What happened, in a sentence. */
  message: string;
}

/**
 * The channel's name for a supervisor serving `host`:`port`.
 * @example reloadChannelPath("127.0.0.1", 8000); // "/tmp/gateway-reload-127.0.0.1-8000.sock"
 */
export function reloadChannelPath(
  host: string,
  port: number,
  platform: NodeJS.Platform = process.platform,
): string {
  const name = `gateway-reload-${host.replace(/[^\w.-]/g, "_")}-${port}`;
  return platform === "win32" ? `\\\\.\\pipe\\${name}` : path.join(tmpdir(), `${name}.sock`);
}

/**
 * Listens for reload requests for `host`:`port`, answering each with what
 * `reload` did; close the server it resolves with when the supervisor stops.
 * @example const channel = await openReloadChannel(host, port, async () => (await supervisor.reload(), "reloaded"));
 */
export async function openReloadChannel(
  host: string,
  port: number,
  reload: () => Promise<string>,
): Promise<net.Server> {
  const server = net.createServer((socket) => {
    socket.on("error", () => {});
    reload().then(
      (message) => answer(socket, { ok: true, message }),
      (error: Error) => answer(socket, { ok: false, message: error.message }),
    );
  });
  const where = reloadChannelPath(host, port);
  await listen(server, where).catch(async (error: NodeJS.ErrnoException) => {
    // A supervisor that was killed leaves its socket file behind; a live one answers on it.
    if (error.code !== "EADDRINUSE" || (await answers(where))) throw error;
    await rm(where, { force: true });
    await listen(server, where);
  });
  return server;
}

/**
 * Asks the supervisor serving `host`:`port` to reload; resolves with its
 * answer once the reload is over. Rejects with code ENOENT or ECONNREFUSED
 * when no supervisor listens there.
 * @example const { ok, message } = await requestReload("127.0.0.1", 8000);
 */
export async function requestReload(host: string, port: number): Promise<ReloadAnswer> {
  const socket = net.connect(reloadChannelPath(host, port));
  let text = "";
  socket.setEncoding("utf8");
  socket.on("data", (chunk: string) => {
    text += chunk;
  });
  await once(socket, "end");
  if (text === "") return { ok: false, message: "the server stopped before the reload was over" };
  return JSON.parse(text) as ReloadAnswer;
}

function answer(socket: net.Socket, reply: ReloadAnswer): void {
  socket.end(`${JSON.stringify(reply)}\n`);
}

async function listen(server: net.Server, where: string): Promise<void> {
  server.listen(where);
  await once(server, "listening");
}

/** True if something accepts connections at `where`. */
async function answers(where: string): Promise<boolean> {
  const socket = net.connect(where);
  try {
    await once(socket, "connect");
    return true;
  } catch {
    return false;
  } finally {
    socket.destroy();
  }
}
