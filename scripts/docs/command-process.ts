/**
 * A command run for a transcript, as a learner would type it in a terminal.
 *
 * The command goes through the shell (so `npm run demo -- 1` and
 * `curl -si URL` read as typed), with its stderr joined to its stdout in the
 * order it wrote them (`2>&1`), and colours off. A server is given a free
 * port (`PORT`, and in place of its `--port N`), so that a transcript runs
 * beside a learner's demo on the lesson's port; the transcript shows the
 * lesson's port instead (transcript-rules.ts). Everything waits on the
 * process's own events (its output, its exit), never on the clock.
 *
 * @example
 * const port = await freePort(4);
 * const server = CommandProcess.start("npm run demo -- 1", root, port);
 * await server.waitFor(`127.0.0.1:${port}`);
 * const client = await CommandProcess.run(`curl -s http://127.0.0.1:${port}/`, root);
 * const log = await server.stop();
 */
import { type ChildProcess, spawn } from "node:child_process";
import { createServer } from "node:net";

/** The ports `freePort` has given in this process. */
const handedOut = new Set<number>();

/**
 * A port no one listens on now, written with as many digits as the lesson's
 * (so that a `Host` header, and the byte counts a lesson shows, keep their
 * length), and none of the lessons' own 8000-8099.
 * @example const port = await freePort(4); // 5317
 */
export async function freePort(digits: number): Promise<number> {
  const low = Math.max(1024, 10 ** (digits - 1));
  const high = 10 ** digits - 1;
  for (;;) {
    const port = low + Math.floor(Math.random() * (high - low + 1));
    if (port >= 8000 && port < 8100) continue;
    // A port handed out before is free until its server starts: never give it twice.
    if (handedOut.has(port)) continue;
    if (await canListen(port)) {
      handedOut.add(port);
      return port;
    }
  }
}

function canListen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.on("error", () => resolve(false));
    probe.listen(port, "127.0.0.1", () => probe.close(() => resolve(true)));
  });
}

/** A running command and everything it has printed so far. */
export class CommandProcess {
  readonly #child: ChildProcess;
  readonly #exited: Promise<number | null>;
  #output = "";
  #exitCode: number | null | undefined;
  readonly #watchers = new Set<() => void>();

  private constructor(command: string, root: string, port = 0) {
    this.#child = spawn(`${command} 2>&1`, {
      cwd: root,
      shell: true,
      stdio: ["ignore", "pipe", "inherit"],
      // Its own process group, so that stopping it stops npm's and tsx's children too.
      detached: process.platform !== "win32",
      env: { ...process.env, PORT: String(port), NO_COLOR: "1", FORCE_COLOR: "0" },
    });
    this.#child.stdout?.setEncoding("utf8");
    this.#child.stdout?.on("data", (text: string) => {
      this.#output += text;
      for (const watcher of this.#watchers) watcher();
    });
    this.#exited = new Promise((resolve) => {
      this.#child.on("close", (code) => {
        this.#exitCode = code;
        for (const watcher of this.#watchers) watcher();
        resolve(code);
      });
    });
  }

  /**
   * Starts a server command on `port`, which replaces the `--port N` it may name.
   * @example const server = CommandProcess.start("npx gateway serve app.ts --port 8003", root, 41234);
   */
  static start(command: string, root: string, port: number): CommandProcess {
    return new CommandProcess(command.replace(/--port[= ]\d+/, `--port ${port}`), root, port);
  }

  /**
   * Runs a command to its end, and gives what it printed.
   * @example const { output } = await CommandProcess.run("npx gateway --help", root);
   */
  static async run(
    command: string,
    root: string,
  ): Promise<{ output: string; code: number | null }> {
    const process = new CommandProcess(command, root);
    const code = await process.#exited;
    return { output: process.#output, code };
  }

  /** Everything printed so far. */
  get output(): string {
    return this.#output;
  }

  /**
   * Waits until the output holds `text` at or after `from`; fails if the process ends first.
   * @example await server.waitFor("closed the connection", before.length);
   */
  waitFor(text: string | RegExp, from = 0): Promise<RegExpExecArray | string> {
    const find = () => {
      const rest = this.#output.slice(from);
      if (typeof text === "string") return rest.includes(text) ? text : undefined;
      return text.exec(rest) ?? undefined;
    };
    return new Promise((resolve, reject) => {
      const check = () => {
        const found = find();
        if (found !== undefined) {
          this.#watchers.delete(check);
          resolve(found);
        } else if (this.#exitCode !== undefined) {
          this.#watchers.delete(check);
          reject(
            new Error(
              `it ended (exit code ${this.#exitCode}) before printing ${text}:\n${this.#output}`,
            ),
          );
        }
      };
      this.#watchers.add(check);
      check();
    });
  }

  /**
   * Stops it as Ctrl-C would (SIGINT to its process group), and gives all it printed.
   * @example const log = await server.stop();
   */
  async stop(): Promise<string> {
    if (this.#exitCode === undefined && this.#child.pid !== undefined) {
      try {
        if (process.platform === "win32") this.#child.kill();
        else process.kill(-this.#child.pid, "SIGINT");
      } catch {
        // It ended on its own between the check and the signal.
      }
    }
    await this.#exited;
    return this.#output;
  }
}
