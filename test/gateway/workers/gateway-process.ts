/**
 * A `gateway` command running with `--workers`, watched line by line: the
 * tests of the supervisor wait for what it prints (a worker listening, a
 * worker dying, a reload done), never for the clock.
 *
 * The supervisor prints the address on stdout and its log on stderr; the
 * workers share both streams, so an app's `console.log` shows on stdout.
 *
 * @example
 * const server = await GatewayProcess.serve(["serve", "workers.ts", "--workers", "2", "--port", "0"]);
 * const [, pid] = await server.waitFor("stderr", /worker 1 \(pid (\d+)\) listening/);
 * await server.stop("SIGTERM");
 */
import { type ChildProcess, spawn } from "node:child_process";
import { fixtures, startGateway } from "../cli/run-gateway.ts";

/** Every process started by this module, for `stopAll` after the tests. */
const started = new Set<GatewayProcess>();

/** One `gateway` process and what it has printed so far. */
export class GatewayProcess {
  stdout = "";
  stderr = "";
  /** Resolves with the exit code (null if a signal ended it) once it has ended. */
  readonly exited: Promise<number | null>;
  #ended = false;
  #waiters = new Set<() => void>();

  private constructor(readonly child: ChildProcess) {
    child.stdout?.setEncoding("utf8");
    child.stderr?.setEncoding("utf8");
    child.stdout?.on("data", (text: string) => this.#append("stdout", text));
    child.stderr?.on("data", (text: string) => this.#append("stderr", text));
    this.exited = new Promise((resolve) => {
      child.on("close", (code) => {
        this.#ended = true;
        started.delete(this);
        this.#wake();
        resolve(code);
      });
    });
    started.add(this);
  }

  /** Starts `gateway ARGS` in the CLI fixtures folder. */
  static start(args: string[]): GatewayProcess {
    return new GatewayProcess(startGateway(args));
  }

  /** Starts `gateway ARGS` in a process group of its own, as in a terminal (see `ctrlC`). */
  static inTerminal(args: string[]): GatewayProcess {
    return new GatewayProcess(startGateway(args, {}, { detached: true }));
  }

  /** Starts `node --import tsx FILE ARGS` in the CLI fixtures folder: a program of its own. */
  static program(fileAndArgs: string[]): GatewayProcess {
    const child = spawn(process.execPath, ["--import", "tsx", ...fileAndArgs], { cwd: fixtures });
    return new GatewayProcess(child);
  }

  /** Starts `gateway ARGS` (or a `program`) and waits for the line that says where it serves. */
  static async serve(
    args: string[],
    start: (args: string[]) => GatewayProcess = GatewayProcess.start,
  ): Promise<GatewayProcess & { url: string; port: number }> {
    const server = start(args);
    const [, address = ""] = await server.waitFor(
      "stdout",
      /^(?:Serving|FastCGI server for) .* on (?:http:\/\/)?(127\.0\.0\.1:\d+)\/? \(Ctrl-C to stop\)$/m,
    );
    return Object.assign(server, {
      url: `http://${address}/`,
      port: Number(address.split(":")[1]),
    });
  }

  /**
   * Resolves with the first match of `pattern` in what `stream` printed
   * (from `from` on); rejects if the process ends without printing it.
   */
  async waitFor(stream: "stdout" | "stderr", pattern: RegExp, from = 0): Promise<RegExpExecArray> {
    for (;;) {
      const match = pattern.exec(this[stream].slice(from));
      if (match !== null) return match;
      if (this.#ended) {
        throw new Error(
          `gateway ended without printing ${pattern} on ${stream}:\n${this.stdout}${this.stderr}`,
        );
      }
      await new Promise<void>((resolve) => this.#waiters.add(resolve));
    }
  }

  /**
   * The pids of the workers the supervisor said listen, in the order it said so, once it has
   * said so of `count` at least. stdout and stderr come through two pipes: a line on one does
   * not mean the other has been read up to the same moment.
   */
  async listeningPids(count: number): Promise<number[]> {
    const said = String.raw`\(pid (\d+)\) listening`;
    await this.waitFor("stderr", new RegExp(`(?:${said}[\\s\\S]*?){${count}}`));
    return [...this.stderr.matchAll(new RegExp(said, "g"))].map((match) => Number(match[1]));
  }

  /** Sends `signal` and waits for the process to end; resolves with its exit code. */
  async stop(signal: NodeJS.Signals = "SIGTERM"): Promise<number | null> {
    this.child.kill(signal);
    return this.exited;
  }

  /**
   * Presses Ctrl-C, as a terminal does: SIGINT to every process of the
   * group (the supervisor and its workers), for one started `inTerminal`.
   */
  ctrlC(): void {
    process.kill(-(this.child.pid as number), "SIGINT");
  }

  #append(stream: "stdout" | "stderr", text: string): void {
    this[stream] += text;
    this.#wake();
  }

  #wake(): void {
    for (const wake of this.#waiters) wake();
    this.#waiters.clear();
  }
}

/** Ends every `gateway` process still running (its workers end with it). Use it in `afterAll`. */
export async function stopAll(): Promise<void> {
  await Promise.all([...started].map((server) => server.stop("SIGTERM")));
}

/**
 * Asks until two different processes have answered (a few tries at most:
 * the supervisor hands each new connection to the next worker), checking
 * that each answer says `gateway.multiprocess` is true.
 */
export async function answeringPids(ask: () => Promise<string>): Promise<Set<number>> {
  const pids = new Set<number>();
  for (let tries = 0; tries < 20 && pids.size < 2; tries += 1) {
    const answer = await ask();
    if (!/^pid \d+ multiprocess true\n$/.test(answer)) {
      throw new Error(`expected "pid N multiprocess true", got ${JSON.stringify(answer)}`);
    }
    pids.add(Number(answer.split(" ")[1]));
  }
  return pids;
}
