/**
 * A lesson's demo run as a learner runs it: `node workshop/demo.ts N
 * [NAME] [FLAGS]` in a child process, read until it prints its URL, then
 * stopped with SIGTERM (what Ctrl-C does, for a process without a
 * terminal). PORT, HOST and FASTCGI_PORT from the developer's shell are
 * left out: the tests pass their own flags.
 *
 * @example
 * const demo = await startDemo(["12", "express", "--port", "0"]);
 * await fetch(demo.url);
 * await demo.stop();
 */
import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

/** A demo that printed its URL. */
export interface RunningDemo {
  /** The URL it said to open. */
  url: string;
  /** Everything it printed on stdout so far. */
  output: () => string;
  /** Sends SIGTERM and resolves with the exit code. */
  stop(): Promise<number | null>;
}

/** What a demo printed and its exit code, when it stops on its own (a failure, say). */
export interface FinishedDemo {
  code: number | null;
  stdout: string;
  stderr: string;
}

function start(args: string[], env: NodeJS.ProcessEnv): ChildProcess {
  const script = path.join(root, "workshop", "demo.ts");
  return spawn(process.execPath, ["--import", "tsx", script, ...args], {
    cwd: root,
    env: { ...process.env, PORT: "", HOST: "", FASTCGI_PORT: "", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
}

/**
 * Starts `npm run demo -- ...args` and resolves once it printed "Press Ctrl-C to stop.";
 * rejects with what it printed if it exits first.
 */
export async function startDemo(args: string[], env: NodeJS.ProcessEnv = {}): Promise<RunningDemo> {
  const child = start(args, env);
  let stdout = "";
  let stderr = "";
  child.stderr?.on("data", (data) => (stderr += data));
  const exited = once(child, "exit");
  await new Promise<void>((resolve, reject) => {
    child.stdout?.on("data", (data) => {
      stdout += data;
      if (stdout.includes("Press Ctrl-C to stop.")) resolve();
    });
    void exited.then(([code]) =>
      reject(new Error(`the demo exited (${code}):\n${stdout}${stderr}`)),
    );
  });
  const url = /open (\S+)/.exec(stdout)?.[1] ?? "";
  return {
    url,
    output: () => stdout,
    async stop() {
      child.kill("SIGTERM");
      const [code] = await exited;
      return code as number | null;
    },
  };
}

/** Runs a demo that is expected to stop on its own, and what it printed. */
export async function runDemoToEnd(
  args: string[],
  env: NodeJS.ProcessEnv = {},
): Promise<FinishedDemo> {
  const child = start(args, env);
  let stdout = "";
  let stderr = "";
  child.stdout?.on("data", (data) => (stdout += data));
  child.stderr?.on("data", (data) => (stderr += data));
  const [code] = await once(child, "exit");
  return { code: code as number | null, stdout, stderr };
}
