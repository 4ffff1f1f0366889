/**
 * The tracer: the traces of the last requests, and who wants to hear of them.
 *
 * Tracing is off unless something turns it on: `--trace` on the command
 * line (`gateway serve`, `gateway fastcgi`, `npm run demo -- N`), or
 * `GATEWAY_TRACE=1` in the environment (for a test run). It must be on
 * before the app is built: `stack()` and `traced()` ask `activeTracer()`
 * when they compose, and with tracing off they add nothing at all.
 *
 * With `GATEWAY_TRACE_FILE=PATH` as well, each finished trace is appended
 * to PATH as one line of JSON (the `TraceData` of events.ts): that is how
 * a test run hands its traces to whoever shows them.
 *
 * @example
 * const tracer = startTracing();           // before the app is built
 * const app = stack(hello, logger());      // traced
 * tracer.subscribe((trace) => console.log(trace.id, trace.events.length));
 */
import { appendFileSync } from "node:fs";
import type { Environ } from "../types.ts";
import { Trace } from "./trace.ts";

/** How much a tracer keeps. */
export interface TracerOptions {
  /** The last requests kept (default 100); the oldest is dropped first. */
  keep?: number;
  /** Events kept per request (default 2000); past that they are counted, not kept. */
  eventsPerTrace?: number;
}

/** Told about a trace each time it changes; `trace.done` says when it is over. */
export type TraceListener = (trace: Trace) => void;

/**
 * Keeps the last traces and tells listeners as they change.
 * @example const tracer = new Tracer({ keep: 20 }); tracer.list(); // []
 */
export class Tracer {
  readonly #traces: Trace[] = [];
  readonly #listeners = new Set<TraceListener>();
  readonly #keep: number;
  readonly #eventsPerTrace: number;
  #nextId = 1;

  constructor(options: TracerOptions = {}) {
    this.#keep = options.keep ?? 100;
    this.#eventsPerTrace = options.eventsPerTrace ?? 2000;
  }

  /**
   * A new trace for the request `environ` describes.
   * @example const trace = tracer.begin(environ);
   */
  begin(environ: Environ): Trace {
    const trace = new Trace(
      this.#nextId++,
      environ,
      (changed) => this.#tell(changed),
      this.#eventsPerTrace,
    );
    this.#traces.push(trace);
    if (this.#traces.length > this.#keep) this.#traces.shift();
    this.#tell(trace);
    return trace;
  }

  /** The traces kept, oldest first. */
  list(): readonly Trace[] {
    return this.#traces;
  }

  /** The kept trace with this id. */
  get(id: number): Trace | undefined {
    return this.#traces.find((trace) => trace.id === id);
  }

  /**
   * Calls `listener` each time a trace changes; returns the way to stop.
   * @example const stop = tracer.subscribe((trace) => send(trace)); // later: stop();
   */
  subscribe(listener: TraceListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  #tell(trace: Trace): void {
    for (const listener of this.#listeners) listener(trace);
  }
}

let active: Tracer | undefined;

/**
 * Turns tracing on for this process (once; later calls return the same tracer).
 * @example const tracer = startTracing();
 */
export function startTracing(options?: TracerOptions): Tracer {
  active ??= new Tracer(options);
  return active;
}

/**
 * Turns tracing off: apps built from now on are not traced. (Apps built
 * while it was on keep their trace points, recording into the old tracer.)
 * @example afterEach(stopTracing);
 */
export function stopTracing(): void {
  active = undefined;
}

/**
 * The tracer of this process, or undefined when tracing is off.
 * @example if (activeTracer() === undefined) return app; // no wrapper at all
 */
export function activeTracer(): Tracer | undefined {
  return active;
}

/**
 * Appends each finished trace to `file`, one line of JSON each.
 * @example writeFinishedTraces(startTracing(), "traces.jsonl");
 */
export function writeFinishedTraces(tracer: Tracer, file: string): void {
  const written = new WeakSet<Trace>();
  tracer.subscribe((trace) => {
    if (!trace.done || written.has(trace)) return;
    written.add(trace);
    appendFileSync(file, `${JSON.stringify(trace)}\n`);
  });
}

if (process.env.GATEWAY_TRACE === "1" || process.env.GATEWAY_TRACE_FILE) {
  const tracer = startTracing();
  if (process.env.GATEWAY_TRACE_FILE) writeFinishedTraces(tracer, process.env.GATEWAY_TRACE_FILE);
}
