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
import type { TraceData, TraceExport } from "../../gateway/trace/events.ts";
import { startDemo } from "./demo-process.ts";

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
  const demo = await startDemo([...args, "--trace", "--port", "0", "--trace-port", "0"]);
  const page = /Trace: open (\S+)/.exec(demo.output())?.[1] ?? "";
  const traces = async () => (await (await fetch(`${page}?format=json`)).json()) as TraceExport;
  return {
    url: demo.url,
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
      await demo.stop();
    },
  };
}
