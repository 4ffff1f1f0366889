/**
 * A trace point: an app, wrapped so that a trace shows it as a lane.
 *
 * Like the validator (gateway/validator/), it changes nothing in the
 * request or the response. It records the call and the environ the layer
 * got (and what differs from its caller's), hands the layer a
 * startResponse that records each call (status, headers, `excInfo`, what
 * it threw) and passes it on with the same arguments, wraps the `write()`
 * it returns and the body the layer returns (traced-body.ts), and runs the
 * layer in its lane (context.ts), so trace points inside it know their
 * caller. An error is recorded and thrown on, untouched.
 *
 * The outermost trace point of a request begins its trace: the server
 * lane, and `gateway.input` watched (traced-input.ts). When a server runs
 * it, it also watches what the server sends (`WATCH_RESPONSE`, read by
 * `runCycle`; traced-sink.ts).
 *
 * Use `traced()`, `tracedApp()` or `stack()` (stack.ts): they add trace
 * points only when tracing is on.
 *
 * @example
 * const app = tracePoint(tracer, "hello", hello);
 */
import { excInfoGiven } from "../response-checks.ts";
import { WATCH_RESPONSE } from "../response-cycle.ts";
import type { ResponseSink } from "../response-sink.ts";
import type { App, Environ, StartResponse, Write } from "../types.ts";
import { currentLane, inLane, type LaneContext } from "./context.ts";
import { SERVER } from "./events.ts";
import { preview, sizeOf, viewEnviron, viewHeaders } from "./redact.ts";
import { settle } from "./settle.ts";
import type { Trace } from "./trace.ts";
import { traceBody } from "./traced-body.ts";
import { traceInput } from "./traced-input.ts";
import { TracedSink } from "./traced-sink.ts";
import type { Tracer } from "./tracer.ts";

/** The trace points made so far. */
const points = new WeakSet<App>();

/** Traces begun by a server (through `WATCH_RESPONSE`) for their request's environ. */
const begunByServer = new WeakMap<Environ, Trace>();

/**
 * True when `app` is a trace point already.
 * @example isTracePoint(stack(hello)); // true while tracing is on
 */
export function isTracePoint(app: App): boolean {
  return points.has(app);
}

/**
 * Wraps `app` in a trace point named `name`, recording into `tracer`.
 * @example const app = tracePoint(startTracing(), "hello", hello);
 */
export function tracePoint(tracer: Tracer, name: string, app: App): App {
  const point = {}; // one lane per trace point, even when two share a name
  const traced = function traced(environ: Environ, startResponse: StartResponse) {
    const outer = currentLane() ?? beginRequest(tracer, environ);
    const { trace } = outer;
    const lane = trace.join(point, name, outer.lane);
    const here: LaneContext = { trace, lane };
    const view = viewEnviron(environ);
    const changes = trace.compareEnviron(lane, outer.lane, view);
    trace.record({ kind: "call", from: outer.lane, to: lane, environ: view, changes });
    const over = outer.lane === SERVER && !trace.watched ? () => trace.finish() : undefined;
    const failed = (error: unknown) => {
      trace.record({
        kind: "error",
        from: lane,
        to: outer.lane,
        error: trace.errorView(error),
        during: "call",
      });
      over?.();
    };
    const respond = traceStartResponse(startResponse, here, outer.lane);
    return settle(
      () => inLane(here, () => app(environ, respond)),
      (body) => traceBody(body, here, outer.lane, over),
      failed,
    );
  } as App & { [WATCH_RESPONSE]: (environ: Environ, sink: ResponseSink) => ResponseSink };
  traced[WATCH_RESPONSE] = (environ, sink) => beginWatched(tracer, environ, sink);
  points.add(traced);
  return traced;
}

/**
 * A request's trace begun by the server, before it calls the app: the
 * server's sends are watched through the stand-in sink returned.
 */
function beginWatched(tracer: Tracer, environ: Environ, sink: ResponseSink): ResponseSink {
  const trace = tracer.begin(environ);
  trace.watched = true;
  watchInput(environ, trace);
  begunByServer.set(environ, trace);
  return new TracedSink(sink, trace);
}

/** The trace of a request that reaches its outermost trace point: begun by the server, or now. */
function beginRequest(tracer: Tracer, environ: Environ): LaneContext {
  let trace = begunByServer.get(environ);
  if (trace === undefined) {
    trace = tracer.begin(environ);
    watchInput(environ, trace);
  }
  begunByServer.delete(environ);
  return { trace, lane: SERVER };
}

/** Watches `gateway.input`, as the validator does, with a stand-in that passes everything on. */
function watchInput(environ: Environ, trace: Trace): void {
  const input = environ["gateway.input"];
  if (input !== undefined) environ["gateway.input"] = traceInput(input, trace);
}

/** The startResponse a traced layer gets: records each call, and passes it on as it was made. */
function traceStartResponse(
  startResponse: StartResponse,
  here: LaneContext,
  caller: number,
): StartResponse {
  const { trace, lane } = here;
  const passOn = startResponse as (...args: unknown[]) => Write;
  return (...args: unknown[]) => {
    const [status, headers, excInfo] = args;
    // Read as the response cycle reads it: `null` is not given.
    const given = excInfoGiven(excInfo) ? { excInfo: trace.errorView(excInfo) } : {};
    const origin = currentLane()?.lane ?? lane;
    const event = trace.record({
      kind: "start-response",
      from: lane,
      to: caller,
      status: String(status),
      headers: viewHeaders(headers),
      origin,
      ...given,
    });
    trace.noteHeaders(headers, caller === SERVER);
    // Without the server's side (an app inside an untraced one), the last status given it is the answer.
    if (caller === SERVER && !trace.watched) trace.status = String(status);
    let write: Write;
    try {
      write = passOn(...args);
    } catch (error) {
      if (event !== undefined) event.threw = trace.errorView(error);
      throw error;
    }
    return typeof write === "function" ? traceWrite(write, here, caller) : write;
  };
}

/** The write() a traced layer gets back: records each call and when its promise settled. */
function traceWrite(write: Write, { trace, lane }: LaneContext, caller: number): Write {
  return (chunk) => {
    const seen = chunk instanceof Uint8Array ? { preview: preview(chunk) } : {};
    const event = trace.record({
      kind: "write",
      from: lane,
      to: caller,
      size: sizeOf(chunk),
      ...seen,
    });
    const failed = (error: unknown) => {
      if (event !== undefined) event.failed = trace.errorView(error);
      trace.ended(event);
    };
    let sending: Promise<void>;
    try {
      sending = write(chunk);
    } catch (error) {
      failed(error);
      throw error;
    }
    if (!(sending instanceof Promise)) {
      trace.ended(event);
      return sending;
    }
    return sending.then(
      () => trace.ended(event),
      (error: unknown) => {
        failed(error);
        throw error;
      },
    );
  };
}
