/**
 * A private web server: a real server program (Apache here, nginx in
 * lesson 12) started from a config of our own, in a temporary folder of
 * its own, on a port of our choosing, and stopped again from Node.
 *
 * The system's own server and its config are never touched: the config is
 * a template with `{{NAME}}` fields, filled in and written to the run
 * folder, and everything the server writes (pid file, locks, logs, temp
 * files) goes there too. The server stays in the foreground as our child
 * process, so stopping it is a signal to that one process; then the folder
 * goes. A server that fails to start leaves its folder behind, and the
 * error names it: the server's own message points into the config there
 * ("in .../nginx.conf:44"), so the learner can open that line.
 *
 * @example
 * const runDir = await makeRunDir("lesson-12-nginx-");
 * const config = await writeConfig(template, runDir, "nginx.conf", { RUN_DIR: runDir, PORT: "8012" });
 * const nginx = await launch({ name: "nginx", command: ["nginx", "-p", runDir, "-c", config], runDir, port: 8012, errorLog: "error.log" });
 * await nginx.stop();
 */
import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { chmod, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";

/** A running private server. */
export interface PrivateServer {
  /** Its root: `http://127.0.0.1:PORT/`. */
  url: string;
  /** The temporary folder with its config and logs. */
  runDir: string;
  /** Stops the server, waits until it is gone, and removes `runDir`. */
  stop(): Promise<void>;
}

/** How to start one. */
export interface Launch {
  /** What messages call it: "Apache", "nginx". */
  name: string;
  /** The program and its arguments, which must keep it in the foreground. */
  command: string[];
  runDir: string;
  port: number;
  /** Its error log, inside `runDir`: shown when it fails to start. */
  errorLog: string;
}

/**
 * Only for a server that neither listens nor exits, which should never
 * happen: one that fails exits, and is reported at once. Apache and nginx
 * listen within a second on an idle machine; a busy laptop may take many.
 */
const READY_WITHIN_MS = 60_000;

/**
 * A new temporary folder for one run. Started as root, a server does its
 * work as another user (nobody), who must be able to get in.
 * @example const runDir = await makeRunDir("lesson-02-apache-");
 */
export async function makeRunDir(prefix: string): Promise<string> {
  const runDir = await mkdtemp(path.join(os.tmpdir(), prefix));
  await chmod(runDir, 0o755);
  return runDir;
}

/**
 * Fills in the template's `{{NAME}}` fields and writes the config as `name` in `runDir`.
 * @example const config = await writeConfig(TEMPLATE, runDir, "httpd.conf", { PORT: "8002" });
 */
export async function writeConfig(
  template: string,
  runDir: string,
  name: string,
  fields: Record<string, string>,
): Promise<string> {
  const text = await readFile(template, "utf8");
  const config = path.join(runDir, name);
  await writeFile(
    config,
    text.replace(/\{\{(\w+)\}\}/g, (_, field: string) => fields[field] ?? ""),
  );
  return config;
}

/**
 * Starts the server and resolves once its port accepts connections. If it
 * exits or stays deaf, it is stopped and the error shows what the server
 * printed and its error log; the folder is kept, for the config line its
 * message names.
 * @example const apache = await launch({ name: "Apache", command: [bin, "-f", config, "-DFOREGROUND"], runDir, port, errorLog: "error.log" });
 */
export async function launch(how: Launch): Promise<PrivateServer> {
  const [bin = "", ...args] = how.command;
  const child = spawn(bin, args, { stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  // A program that cannot be run (no such file) says so here, not by crashing Node.
  child.once("error", (error) => (output += `${error.message}\n`));
  child.stdout?.on("data", (data) => (output += data));
  child.stderr?.on("data", (data) => (output += data));
  try {
    await waitForPort(how, child);
  } catch (error) {
    const log = await readFile(path.join(how.runDir, how.errorLog), "utf8").catch(() => "");
    await stopChild(child);
    throw new Error(
      `${how.name} did not start: ${(error as Error).message}. ` +
        `Its config and logs are kept in ${how.runDir} (delete it when done):\n${output}${log}`,
    );
  }
  const stop = async () => {
    await stopChild(child);
    await rm(how.runDir, { recursive: true, force: true });
  };
  return { url: `http://127.0.0.1:${how.port}/`, runDir: how.runDir, stop };
}

/** Resolves once something accepts connections on the port; throws if the server exits first. */
async function waitForPort({ port }: Launch, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + READY_WITHIN_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`it exited with code ${child.exitCode}`);
    if (child.pid === undefined) throw new Error(`${child.spawnfile} could not be run`);
    if (await accepts(port)) return;
    await sleep(50);
  }
  throw new Error(`it did not listen on port ${port} within ${READY_WITHIN_MS} ms`);
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, "127.0.0.1");
    socket.once("connect", () => resolve(true)).once("error", () => resolve(false));
    socket.once("connect", () => socket.destroy());
  });
}

/** SIGTERM makes Apache and nginx stop their workers and exit. */
async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode === null && child.signalCode === null && child.pid !== undefined) {
    const exited = once(child, "exit");
    child.kill("SIGTERM");
    await exited;
  }
}
