/**
 * Runs the real `gateway` command (`node bin/gateway.js ...`) in a child
 * process, for the tests of the command line as a learner types it.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { fileURLToPath } from "node:url";

const launcher = fileURLToPath(new URL("../../../bin/gateway.js", import.meta.url));
/** The fixtures folder, where the command runs. */
export const fixtures = fileURLToPath(new URL("../../fixtures/cli/", import.meta.url));

// The tests choose HOST and PORT themselves; the developer's own must not leak in.
const { HOST: _host, PORT: _port, ...baseEnv } = process.env;

/** What a finished run printed, and how it ended. */
export interface Finished {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Starts `gateway ARGS` in the fixtures folder; `detached` puts it in a
 * process group of its own, as a terminal does, for a test that signals the
 * whole group as Ctrl-C does.
 */
export function startGateway(
  args: string[],
  env: NodeJS.ProcessEnv = {},
  { detached = false }: { detached?: boolean } = {},
): ChildProcess {
  return spawn(process.execPath, [launcher, ...args], {
    cwd: fixtures,
    env: { ...baseEnv, ...env },
    stdio: "pipe",
    detached,
  });
}

/** Runs `gateway ARGS` to the end, with `input` on its stdin. */
export async function runGateway(
  args: string[],
  { env = {}, input = "" }: { env?: NodeJS.ProcessEnv; input?: string } = {},
): Promise<Finished> {
  const child = startGateway(args, env);
  child.stdin?.end(input);
  const [stdout, stderr, [code]] = await Promise.all([
    text(child.stdout),
    text(child.stderr),
    once(child, "close") as Promise<[number | null]>,
  ]);
  return { code, stdout, stderr };
}

/** Reads a child's output stream to the end as text. */
export async function text(stream: NodeJS.ReadableStream | null): Promise<string> {
  let all = "";
  for await (const chunk of stream ?? []) all += String(chunk);
  return all;
}

/** A `gateway` server that has announced where it listens. */
export interface Serving {
  child: ChildProcess;
  /** The announcement's first group: the URL (`serve`), or the address (`fastcgi`). */
  url: string;
  /** Everything it has printed to stdout so far. */
  stdout(): string;
}

const SERVING = /^Serving .* on (http:\/\/\S+) \(Ctrl-C to stop\)$/m;

/**
 * Starts `gateway ARGS` and waits until its stdout matches `announcement`
 * (by default the line `serve` prints with its URL).
 */
export function serveGateway(
  args: string[],
  env: NodeJS.ProcessEnv = {},
  announcement: RegExp = SERVING,
): Promise<Serving> {
  const child = startGateway(args, env);
  let stdout = "";
  let stderr = "";
  child.stderr?.on("data", (chunk) => {
    stderr += chunk;
  });
  return new Promise((resolve, reject) => {
    child.stdout?.on("data", (chunk) => {
      stdout += chunk;
      const url = announcement.exec(stdout)?.[1];
      if (url !== undefined) resolve({ child, url, stdout: () => stdout });
    });
    child.on("close", (code) => {
      reject(new Error(`gateway ended (code ${code}) before serving:\n${stdout}${stderr}`));
    });
  });
}
