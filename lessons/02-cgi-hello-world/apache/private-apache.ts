/**
 * A private Apache that runs lesson 02's CGI programs, started and stopped
 * from Node: for the lesson's test and for `npm run demo -- 2 apache`.
 *
 * Everything lives in a new temporary folder: the config made from
 * `httpd.conf.template`, the logs, and `cgi-bin/`, where each program of
 * the lesson gets a small executable shell script of the same name that
 * starts it with Node and tsx. (Apache runs a CGI program by executing the
 * file; a TypeScript file is not executable, and a `#!` line naming Node
 * and tsx would not work everywhere.) The scripts are POSIX shell, so this
 * runs on Linux and macOS, where Apache serves CGI.
 *
 * @example
 * const apache = await startApache(findApache()!, { programs: "lessons/02-cgi-hello-world/cgi-bin", port: 8002 });
 * // http://127.0.0.1:8002/cgi-bin/hello.ts
 * await apache.stop();
 */
import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { chmod, mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { fileURLToPath } from "node:url";
import { programCommand } from "../../../gateway/cgi-program.ts";
import type { ApacheInstall } from "./find-apache.ts";

/** A running private Apache. */
export interface PrivateApache {
  /** Where the programs are: `${url}hello.ts`. */
  url: string;
  /** The temporary folder with its config, logs and wrappers. */
  runDir: string;
  /** Stops Apache, waits until it is gone, and removes `runDir`. */
  stop(): Promise<void>;
}

const TEMPLATE = fileURLToPath(new URL("httpd.conf.template", import.meta.url));
const MODULES = ["mpm_event", "authz_core", "mime", "alias", "cgid", "log_config"];
const READY_WITHIN_MS = 15_000;

/** Starts Apache on 127.0.0.1:`port`, serving every `.ts` program in `programs` under /cgi-bin/. */
export async function startApache(
  apache: ApacheInstall,
  options: { programs: string; port: number },
): Promise<PrivateApache> {
  if (servesAsNobody()) await checkNobodyCanRun(options.programs);
  const runDir = await mkdtemp(path.join(os.tmpdir(), "lesson-02-apache-"));
  // Started as root, Apache serves as another user, who must be able to get in.
  await chmod(runDir, 0o755);
  await writeWrappers(options.programs, path.join(runDir, "cgi-bin"));
  const config = path.join(runDir, "httpd.conf");
  await writeFile(config, await renderConfig(apache, runDir, options.port));
  const child = spawn(apache.bin, ["-f", config, "-DFOREGROUND"], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout?.on("data", (data) => (output += data));
  child.stderr?.on("data", (data) => (output += data));
  const stop = () => stopApache(child, runDir);
  try {
    await waitForPort(options.port, child);
  } catch (error) {
    const log = await readFile(path.join(runDir, "error.log"), "utf8").catch(() => "");
    await stop();
    throw new Error(`${(error as Error).message}\n${output}${log}`);
  }
  return { url: `http://127.0.0.1:${options.port}/cgi-bin/`, runDir, stop };
}

/** The config: the template with this run's folder, port, user and modules filled in. */
async function renderConfig(apache: ApacheInstall, runDir: string, port: number): Promise<string> {
  const mpmBuiltIn = ["event", "worker", "prefork"].some((mpm) => apache.builtIn.has(mpm));
  const loads = MODULES.filter((name) => !apache.builtIn.has(`mod_${name}`))
    .filter((name) => !(name === "mpm_event" && mpmBuiltIn))
    .map((name) => `LoadModule ${name}_module "${path.join(apache.modules, `mod_${name}.so`)}"`);
  const user = servesAsNobody() ? `User #${NOBODY}\nGroup #${NOBODY}` : "";
  const fields: Record<string, string> = {
    RUN_DIR: runDir,
    PORT: String(port),
    USER: user,
    LOAD_MODULES: loads.join("\n"),
  };
  const template = await readFile(TEMPLATE, "utf8");
  return template.replace(/\{\{(\w+)\}\}/g, (_, name: string) => fields[name] ?? "");
}

/** Apache refuses to serve as root: started as root, it serves as "nobody" (65534 on Linux). */
const NOBODY = 65534;

function servesAsNobody(): boolean {
  return process.getuid?.() === 0;
}

/**
 * Serving as "nobody", Apache can run the programs only if everyone may
 * read them, Node and tsx, and enter every folder above them. A checkout
 * under /root fails that: say so now, rather than with a 500 later.
 */
async function checkNobodyCanRun(programs: string): Promise<void> {
  const command = (await programCommand(path.join(programs, "hello.ts"))) ?? [];
  const files = command.map((part) => (part.startsWith("file:") ? fileURLToPath(part) : part));
  for (const file of files.filter((part) => path.isAbsolute(part))) {
    for (let dir = path.dirname(file); dir !== path.dirname(dir); dir = path.dirname(dir)) {
      if (((await stat(dir)).mode & 0o001) === 0) {
        throw new Error(
          `Apache runs CGI programs as "nobody", who cannot enter ${dir}: chmod o+x it, or work elsewhere`,
        );
      }
    }
  }
}

/**
 * One executable script per program, named like it, that runs it with
 * absolute paths: Apache gives CGI programs almost no environment (only
 * its own `PATH`), so `node` and `tsx` might not be found by name.
 */
async function writeWrappers(programs: string, into: string): Promise<void> {
  await mkdir(into, { mode: 0o755 });
  const names = (await readdir(programs)).filter((name) => name.endsWith(".ts"));
  for (const name of names) {
    const command = (await programCommand(path.resolve(programs, name))) ?? [];
    const script = `#!/bin/sh\nexec ${command.map(shellQuote).join(" ")}\n`;
    await writeFile(path.join(into, name), script, { mode: 0o755 });
  }
}

/** Quotes a word for sh: inside single quotes, only a single quote needs care. */
function shellQuote(word: string): string {
  return `'${word.replaceAll("'", `'\\''`)}'`;
}

/** Resolves once something accepts connections on the port; throws if Apache exits first. */
async function waitForPort(port: number, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + READY_WITHIN_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`Apache exited with code ${child.exitCode}:`);
    if (await accepts(port)) return;
    await sleep(50);
  }
  throw new Error(`Apache did not listen on port ${port} within ${READY_WITHIN_MS} ms:`);
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, "127.0.0.1");
    socket.once("connect", () => resolve(true)).once("error", () => resolve(false));
    socket.once("connect", () => socket.destroy());
  });
}

/** SIGTERM makes Apache stop its children and exit; then the folder goes. */
async function stopApache(child: ChildProcess, runDir: string): Promise<void> {
  if (child.exitCode === null && child.signalCode === null) {
    const exited = once(child, "exit");
    child.kill("SIGTERM");
    await exited;
  }
  await rm(runDir, { recursive: true, force: true });
}
