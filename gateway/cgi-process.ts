/**
 * One run of a CGI program: a child process for one request.
 *
 * The host starts the program with the meta-variables as its environment
 * and its own folder as the working directory (RFC 3875, section 7.2). The
 * request body streams into its stdin while its answer comes out of its
 * stdout, each side waiting for the other as pipes fill up; what it writes
 * to stderr goes to `gateway.errors`. A program that runs too long is
 * killed, and one whose answer nobody waits for any more is stopped.
 *
 * @example
 * const run = new CGIProcess(command, { cwd, env, input, errors, timeout: 30_000 });
 * for await (const chunk of run.stdout) ...;
 * const failure = await run.exited; // undefined after a clean exit
 */
import { type ChildProcessWithoutNullStreams, spawn } from "node:child_process";
import type { Writable } from "node:stream";
import { ClientGone } from "./response-sink.ts";
import { writeChunk } from "./stream-write.ts";
import type { ErrorStream, InputStream } from "./types.ts";

/** How to run the program. */
export interface RunOptions {
  /** The program's working directory. */
  cwd: string;
  /** Its whole environment: the meta-variables. */
  env: Record<string, string>;
  /** The request body, for its stdin. */
  input: InputStream;
  /** Where its stderr goes. */
  errors: ErrorStream;
  /** Milliseconds it may run before it is killed. */
  timeout: number;
}

/** A running CGI program. */
export class CGIProcess {
  /** The program's answer, as it comes. */
  readonly stdout: AsyncIterableIterator<Uint8Array>;
  /** Settles once the program has exited: `undefined` after a clean exit, else what went wrong. */
  readonly exited: Promise<string | undefined>;
  #timedOut = false;
  #error: Error | undefined;
  readonly #child: ChildProcessWithoutNullStreams;

  /** Starts `command` (the program first, then its arguments), without a shell. */
  constructor(command: string[], options: RunOptions) {
    const [program = "", ...args] = command;
    const { cwd, env, input, errors, timeout } = options;
    this.#child = spawn(program, args, { cwd, env, stdio: "pipe", windowsHide: true });
    this.stdout = this.#child.stdout[Symbol.asyncIterator]();
    this.#child.stderr.setEncoding("utf8").on("data", (text: string) => errors.write(text));
    // The child's own error, such as a program that cannot be started (ENOENT, EACCES).
    this.#child.once("error", (error) => {
      this.#error = error;
    });
    const timer = setTimeout(() => this.#kill(), timeout);
    this.exited = new Promise((resolve) => {
      this.#child.once("close", (code, signal) => {
        clearTimeout(timer);
        resolve(this.#failure(code, signal, timeout));
      });
    });
    void pipeInput(input, this.#child.stdin, errors);
  }

  /** True when the program was killed for running too long. */
  get timedOut(): boolean {
    return this.#timedOut;
  }

  /**
   * Asks the program to stop (SIGTERM; on Windows it ends at once). One that
   * ignores the request is killed when its time is up.
   */
  stop(): void {
    if (this.#child.exitCode === null && this.#child.signalCode === null) this.#child.kill();
  }

  #kill(): void {
    this.#timedOut = true;
    this.#child.kill("SIGKILL");
  }

  #failure(
    code: number | null,
    signal: NodeJS.Signals | null,
    timeout: number,
  ): string | undefined {
    if (this.#error !== undefined) return `could not run (${this.#error.message})`;
    if (this.#timedOut) return `was killed after running for ${timeout} ms, its time limit`;
    if (code === 0) return undefined;
    return code === null ? `was stopped by ${signal}` : `exited with code ${code}`;
  }
}

/**
 * Streams the request body into the program's stdin, one chunk at a time,
 * waiting while the program is not reading. A program that exits, or that
 * does not read its input, closes its stdin: the rest of the body is then
 * not needed.
 */
async function pipeInput(input: InputStream, stdin: Writable, errors: ErrorStream): Promise<void> {
  // Without a listener, a write to a program that has gone (EPIPE) would crash the host.
  stdin.on("error", () => {});
  try {
    for await (const chunk of input) await writeChunk(stdin, chunk);
    stdin.end();
  } catch (error) {
    stdin.destroy();
    if (error instanceof ClientGone) return;
    errors.write(`The request body could not be passed on to the CGI program: ${String(error)}\n`);
  }
}
