/**
 * One request's trace, as it is being recorded.
 *
 * The trace points (trace-point.ts), the traced body, input and sink each
 * add events here as the request goes through them; the tracer (tracer.ts)
 * keeps the trace and tells the trace page when it changed. A lane is
 * added the first time a trace point joins the request; the server is
 * always lane 0.
 *
 * Body bytes are kept as short previews, and shown (in `toJSON`) only once
 * the response's final headers are known and hide nothing: a form post, or
 * a response that sets a cookie at any layer, shows sizes only.
 *
 * @example
 * const trace = new Trace(1, environ, () => {});
 * const lane = trace.join(point, "hello", SERVER);
 * trace.record({ kind: "chunk", from: lane, to: SERVER, size: 13 });
 * trace.toJSON().events.length; // 1
 */
import type { Environ } from "../types.ts";
import type {
  EnvironChange,
  EnvironView,
  ErrorPath,
  ErrorView,
  Lane,
  TraceData,
  TraceEvent,
} from "./events.ts";
import { SERVER } from "./events.ts";
import { isFormPost, setsCookie, viewError } from "./redact.ts";

/** The event of one kind. */
export type EventOf<K extends TraceEvent["kind"]> = Extract<TraceEvent, { kind: K }>;

/** Events past the limit are counted, not kept; these still are, so the end always shows. */
const ALWAYS_KEPT = new Set(["head", "finish", "abort", "error"]);

/**
 * One request's events, lanes and errors.
 * @example const trace = tracer.begin(environ); trace.toJSON().lanes; // [{ name: "server", caller: -1 }]
 */
export class Trace {
  readonly method: string;
  readonly uri: string;
  readonly started = new Date();
  readonly lanes: Lane[] = [{ name: "server", caller: -1 }];
  readonly events: TraceEvent[] = [];
  status: string | undefined;
  done = false;
  dropped = 0;
  /** True when the server's side is recorded too (traced-sink.ts): the server then says when it is over. */
  watched = false;

  readonly #t0 = performance.now();
  readonly #points = new Map<object, number>();
  /** The environ each lane was last called with, to compare the next lane's with. */
  readonly #environs = new Map<number, EnvironView>();
  readonly #errorIds = new WeakMap<object, number>();
  #nextErrorId = 1;
  #formPost: boolean;
  #setsCookie = false;
  #headersKnown = false;

  constructor(
    readonly id: number,
    environ: Environ,
    readonly onChange: (trace: Trace) => void,
    readonly limit = 2000,
  ) {
    this.method = environ.REQUEST_METHOD;
    this.uri = environ.REQUEST_URI;
    this.#formPost = isFormPost(environ);
  }

  /** Milliseconds since the request began, to the microsecond. */
  now(): number {
    return Math.round((performance.now() - this.#t0) * 1000) / 1000;
  }

  /**
   * The lane of a trace point, added the first time it joins.
   * @example const lane = trace.join(point, "sessions", callerLane);
   */
  join(point: object, name: string, caller: number): number {
    let lane = this.#points.get(point);
    if (lane === undefined) {
      lane = this.lanes.push({ name, caller }) - 1;
      this.#points.set(point, lane);
    }
    return lane;
  }

  /**
   * Records an event now; returns it (to set its `until` later), or
   * undefined when the trace is full.
   */
  record<K extends TraceEvent["kind"]>(
    event: Omit<EventOf<K>, "t"> & { kind: K },
  ): EventOf<K> | undefined {
    if (this.events.length >= this.limit && !ALWAYS_KEPT.has(event.kind)) {
      this.dropped += 1;
      this.onChange(this);
      return undefined;
    }
    const stamped = { t: this.now(), ...event } as EventOf<K>;
    this.events.push(stamped);
    this.onChange(this);
    return stamped;
  }

  /** Sets when a lasting event (a send, a write, a `return()`) ended. */
  ended(event: { until?: number } | undefined): void {
    if (event === undefined) return;
    event.until = this.now();
    this.onChange(this);
  }

  /**
   * The environ `lane` was called with, and what differs from its caller's.
   * @example const { changes } = trace.compareEnviron(2, 1, view);
   */
  compareEnviron(lane: number, caller: number, view: EnvironView): EnvironChange[] {
    const before = this.#environs.get(caller);
    this.#environs.set(lane, view);
    return before === undefined ? [] : differences(before, view);
  }

  /** An error as the trace shows it, with the same id each time the same error passes. */
  errorView(error: unknown): ErrorView {
    if (typeof error !== "object" || error === null) return viewError(error, this.#nextErrorId++);
    let id = this.#errorIds.get(error);
    if (id === undefined) {
      id = this.#nextErrorId++;
      this.#errorIds.set(error, id);
    }
    return viewError(error, id);
  }

  /** Notes headers some layer passed on; `final` when they are the ones the server got. */
  noteHeaders(headers: unknown, final: boolean): void {
    if (setsCookie(headers)) this.#setsCookie = true;
    if (final) this.#headersKnown = true;
  }

  /** The response is over: sent in full, or cut. */
  finish(status?: string): void {
    if (status !== undefined) this.status = status;
    this.done = true;
    this.onChange(this);
  }

  /** True when the trace shows no body bytes (sizes only). */
  get bodiesHidden(): boolean {
    return this.#formPost || this.#setsCookie;
  }

  toJSON(): TraceData {
    const showBytes = this.#headersKnown && !this.bodiesHidden;
    return {
      id: this.id,
      method: this.method,
      uri: this.uri,
      started: this.started.toISOString(),
      lanes: this.lanes.map((lane) => ({ ...lane })),
      events: this.events.map((event) => withoutPreview(event, showBytes)),
      errors: errorPaths(this.events),
      ...(this.status === undefined ? {} : { status: this.status }),
      done: this.done,
      bodiesHidden: this.bodiesHidden,
      dropped: this.dropped,
    };
  }
}

function withoutPreview(event: TraceEvent, showBytes: boolean): TraceEvent {
  if (!("preview" in event)) return { ...event };
  const { preview, ...rest } = event;
  return (showBytes ? { ...rest, preview } : rest) as TraceEvent;
}

function differences(before: EnvironView, after: EnvironView): EnvironChange[] {
  const changes: EnvironChange[] = [];
  for (const [key, value] of Object.entries(after)) {
    const old = before[key];
    if (old === undefined) changes.push({ key, after: value });
    else if (old !== value) changes.push({ key, before: old, after: value });
  }
  for (const [key, value] of Object.entries(before)) {
    if (!(key in after)) changes.push({ key, before: value });
  }
  return changes;
}

/** Follows each error from lane to lane: where it started, and the last lane it reached. */
function errorPaths(events: TraceEvent[]): ErrorPath[] {
  const paths = new Map<number, ErrorPath>();
  for (const event of events) {
    if (event.kind !== "error") continue;
    const { id, name, message } = event.error;
    const path = paths.get(id) ?? {
      id,
      name,
      message,
      thrownBy: event.from,
      reached: 0,
      caught: true,
    };
    path.reached = event.to;
    path.caught = event.to !== SERVER;
    paths.set(id, path);
  }
  return [...paths.values()];
}
