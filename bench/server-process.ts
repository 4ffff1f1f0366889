/**
 * Starting a benchmark server as a child process, and stopping it.
 *
 * Each server runs in its own process, so it does not share an event loop
 * with the runner or the load tool, and no server warms up (JIT, caches) on
 * another's work. The protocol is in `servers/shared.ts`: the child prints
 * its URL, and exits when its standard input closes.
 *
 * @example
 * const server = await startServer("gateway");
 * console.log(server.url); // http://127.0.0.1:40124/
 * await server.stop();
 */
import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { fileURLToPath } from "node:url";

/** A server child process that is listening. */
export interface ServerProcess {
  name: string;
  url: string;
  /** Closes its standard input and waits for it to exit (killing it if it does not, in time). */
  stop(): Promise<void>;
}

/**
 * A server that ignores its closed standard input is killed after this long.
 * Starting has no such limit: a server either prints its URL or exits, and
 * on a busy machine starting Node and tsx alone can take many seconds.
 */
const SHUTDOWN_MS = 5_000;

/**
 * Starts `bench/servers/NAME.ts` under `node --import tsx`, with NODE_ENV=production
 * (Express's recommended setting; the other two ignore it), and waits for its URL.
 * `nodeFlags` go to node first, e.g. `["--cpu-prof"]`.
 */
export async function startServer(name: string, nodeFlags: string[] = []): Promise<ServerProcess> {
  const file = fileURLToPath(new URL(`./servers/${name}.ts`, import.meta.url));
  const child = spawn(process.execPath, [...nodeFlags, "--import", "tsx", file], {
    env: { ...process.env, NODE_ENV: "production" },
    stdio: ["pipe", "pipe", "inherit"],
  });
  try {
    const url = await firstLine(child, name);
    return { name, url, stop: () => stop(child) };
  } catch (error) {
    child.kill();
    throw error;
  }
}

/** Resolves with the first line the child prints; rejects if it exits first. */
function firstLine(child: ChildProcess, name: string): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = "";
    const fail = (why: string) => reject(new Error(`the ${name} server ${why}`));
    child.on("error", (error) => fail(`could not start: ${error.message}`));
    child.on("exit", (code) => fail(`exited (code ${code}) before printing its URL`));
    child.stdout?.on("data", (data) => {
      text += String(data);
      const end = text.indexOf("\n");
      if (end === -1) return;
      resolve(text.slice(0, end).trim());
    });
  });
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, "exit");
  child.stdin?.end();
  const timer = setTimeout(() => child.kill(), SHUTDOWN_MS);
  await exited;
  clearTimeout(timer);
}
