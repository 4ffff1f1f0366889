/**
 * A lesson's demo run with `--trace`, as a learner runs it (`npm run demo --
 * N --trace`), in a child process on ports the system picks: its app's
 * address, its trace page's, the traces recorded so far, and a way to stop it.
 *
 * @example
 * const demo = await startTracedDemo(["5"]);
 * await fetch(demo.url);
 * const [trace] = (await demo.traces()).traces;
 * await demo.stop();
 */
import { spawn } from "node:child_process";
import { once } from "node:events";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { TraceData, TraceExport } from "../../gateway/trace/events.ts";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

/** A traced demo that is listening. */
export interface TracedDemo {
  /** The app's address. */
  url: string;
  /** The trace page's address. */
  page: string;
  /** The traces recorded so far (the page's `?format=json`). */
  traces(): Promise<TraceExport>;
  /** Waits until a finished trace of `uri` is recorded, and returns it. */
  traceOf(uri: string): Promise<TraceData>;
  stop(): Promise<void>;
}

/** Starts `npm run demo -- ARGS --trace` and resolves once it printed both addresses. */
export async function startTracedDemo(args: string[]): Promise<TracedDemo> {
  const script = path.join(root, "workshop", "demo.ts");
  const child = spawn(
    process.execPath,
    ["--import", "tsx", script, ...args, "--trace", "--port", "0", "--trace-port", "0"],
    { cwd: root, env: { ...process.env, PORT: "", HOST: "" }, stdio: ["ignore", "pipe", "pipe"] },
  );
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
  const page = /Trace: open (\S+)/.exec(stdout)?.[1] ?? "";
  const traces = async () => (await (await fetch(`${page}?format=json`)).json()) as TraceExport;
  return {
    url,
    page,
    traces,
    async traceOf(uri) {
      for (;;) {
        const found = (await traces()).traces.find((trace) => trace.uri === uri && trace.done);
        if (found !== undefined) return found;
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    },
    async stop() {
      child.kill("SIGTERM");
      await exited;
    },
  };
}
