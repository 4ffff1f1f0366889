/**
 * The switch that turns tracing on for one run of exercise tests.
 *
 * A runner's test threads all get the same environment when it starts, so
 * "trace this run" cannot travel there: a file can. The runner owns one
 * switch file (its path in `LEARN_TRACE_SWITCH`); for a traced run it writes
 * a fresh trace file's path into it, runs, turns it off, and reads the
 * traces back. Runs go one at a time (run-test.ts), so a switch never
 * serves two runs at once. trace-setup.ts reads it in each test's thread.
 *
 * @example
 * const traceSwitch = new TraceSwitch();
 * const traces = await traceSwitch.during(() => vitest.runTestSpecifications(specs));
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { TraceData } from "../../gateway/trace/events.ts";

/** One runner's switch: off until `during` turns it on. */
export class TraceSwitch {
  readonly #folder = mkdtempSync(path.join(tmpdir(), "learn-trace-"));
  /** The switch file, for `LEARN_TRACE_SWITCH`. */
  readonly file = path.join(this.#folder, "switch");
  #runs = 0;

  /**
   * Runs `work` with tracing on; the traces its tests recorded, in the order they finished.
   * @example const traces = await traceSwitch.during(() => runTheTests());
   */
  async during(work: () => Promise<unknown>): Promise<TraceData[]> {
    const traces = path.join(this.#folder, `run-${++this.#runs}.jsonl`);
    writeFileSync(this.file, traces);
    try {
      await work();
    } finally {
      rmSync(this.file, { force: true });
    }
    try {
      return readTraces(traces);
    } finally {
      rmSync(traces, { force: true });
    }
  }

  /** Removes the switch's folder. @example traceSwitch.remove(); */
  remove(): void {
    rmSync(this.#folder, { recursive: true, force: true });
  }
}

/**
 * The trace file a switch names, or undefined when there is no switch or it is off.
 * @example readTraceSwitch(process.env.LEARN_TRACE_SWITCH); // "/tmp/learn-trace-x/run-1.jsonl"
 */
export function readTraceSwitch(file: string | undefined): string | undefined {
  if (!file) return undefined;
  try {
    return readFileSync(file, "utf8") || undefined;
  } catch {
    return undefined;
  }
}

/** The traces in a `GATEWAY_TRACE_FILE`: none when no request went through a traced gateway. */
function readTraces(file: string): TraceData[] {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch {
    return [];
  }
  return text
    .split("\n")
    .filter((line) => line.trim() !== "")
    .map((line) => JSON.parse(line) as TraceData);
}
