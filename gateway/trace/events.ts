/**
 * What a trace records: one request's path through the interface, as data.
 *
 * These types are the JSON the trace page exports (`?format=json`), and
 * `trace.schema.json` beside this file says the same as a JSON Schema,
 * for tools outside TypeScript. A trace has lanes (the server, and one per
 * traced layer, outermost first) and events in the order they happened,
 * each with its time in milliseconds since the request began. Most events
 * are arrows between two lanes: `from` did something to `to` (called it,
 * answered it, handed it a chunk). The server's own dealings with the
 * client (headers out, bytes sent, the connection cut) go to lane -1, the
 * client.
 *
 * @example
 * const call: TraceEvent = { kind: "call", t: 0.05, from: 0, to: 1, environ: {...}, changes: [] };
 */

/** The lane of the client: where the server's bytes go. @example event.to === CLIENT; // a head, send, finish or abort */
export const CLIENT = -1;
/** The lane of the server: always the first. @example trace.lanes[SERVER].name; // "server" */
export const SERVER = 0;

/** One lane: the server, or a traced layer. */
export interface Lane {
  /** "server", or the layer's name ("sessions", "hello"). */
  name: string;
  /** The lane that called this one (-1 for the server). */
  caller: number;
}

/** A value of the environ, as shown: strings as they are (or "[redacted]"); anything else described. */
export type EnvironView = Record<string, string>;

/** One difference between the environ a layer got and the one its caller got. */
export interface EnvironChange {
  key: string;
  /** Absent when the key was added. */
  before?: string;
  /** Absent when the key was removed. */
  after?: string;
}

/** An error, as far as it is safe to show: its class and the first line of its message. */
export interface ErrorView {
  /** The same number each time the same error object passes a lane. */
  id: number;
  name: string;
  message: string;
}

/** Fields every event has. */
interface Base {
  /** Milliseconds since the request began. */
  t: number;
  from: number;
  to: number;
}

/** Something that took time: `until` is when it ended (absent while it lasts). */
interface Lasting {
  until?: number;
}

/** The caller called the layer with an environ (`from` calls `to`). */
export interface CallEvent extends Base {
  kind: "call";
  environ: EnvironView;
  /** What differs from the environ the caller itself was called with. */
  changes: EnvironChange[];
}

/** The layer called the startResponse its caller gave it. */
export interface StartResponseEvent extends Base {
  kind: "start-response";
  status: string;
  headers: Array<[string, string]>;
  /** The error given as `excInfo`, when there was one. */
  excInfo?: ErrorView;
  /** The lane whose code made the call (the others passed it on). */
  origin: number;
  /** What startResponse threw (an excInfo rethrown once headers went out). */
  threw?: ErrorView;
}

/** The layer returned its body (or the promise of one settled). */
export interface ReturnEvent extends Base {
  kind: "return";
  /** "list", "generator", "async generator", "iterable", "async iterable", or what else it was. */
  body: string;
  /** For a list: each chunk's size in bytes. */
  sizes?: number[];
}

/** The caller asked the layer's body for its next chunk. */
export interface PullEvent extends Base {
  kind: "pull";
}

/** The layer's body gave a chunk. */
export interface ChunkEvent extends Base {
  kind: "chunk";
  size: number;
  /** The first bytes as text, unless the trace hides body bytes. */
  preview?: string;
}

/** The layer's body ended. */
export interface EndEvent extends Base {
  kind: "end";
}

/** The caller abandoned the layer's body with `return()`: its `finally` blocks run until `until`. */
export interface CloseEvent extends Base, Lasting {
  kind: "close";
}

/** An error came out of the layer: from its call, a step of its body, or startResponse. */
export interface ErrorEvent extends Base {
  kind: "error";
  error: ErrorView;
  /** What the layer was doing: "call", "next", "return" or "write". */
  during: string;
}

/** The layer called `write()`; the promise it got settled at `until`. */
export interface WriteEvent extends Base, Lasting {
  kind: "write";
  size: number;
  preview?: string;
  /** Set when the write failed. */
  failed?: ErrorView;
}

/** The layer read a chunk of the request body from `gateway.input` (`size` 0 and `done`: the end). */
export interface InputEvent extends Base {
  kind: "input";
  size: number;
  done: boolean;
  preview?: string;
}

/** The server sent the status line and headers to the client. */
export interface HeadEvent extends Base {
  kind: "head";
  status: string;
  headers: Array<[string, string]>;
}

/** The server sent bytes; the client took them at `until` (the wait is back-pressure). */
export interface SendEvent extends Base, Lasting {
  kind: "send";
  size: number;
  /** Set when the client was gone. */
  failed?: ErrorView;
}

/** The server ended the response (with its last bytes, `size` of them). */
export interface FinishEvent extends Base {
  kind: "finish";
  size: number;
}

/** The server cut the connection: the response could not be finished. */
export interface AbortEvent extends Base {
  kind: "abort";
}

/** Anything a trace records. */
export type TraceEvent =
  | CallEvent
  | StartResponseEvent
  | ReturnEvent
  | PullEvent
  | ChunkEvent
  | EndEvent
  | CloseEvent
  | ErrorEvent
  | WriteEvent
  | InputEvent
  | HeadEvent
  | SendEvent
  | FinishEvent
  | AbortEvent;

/** Where an error went: the lane it came from first, the last lane it reached, and whether that lane stopped it. */
export interface ErrorPath {
  id: number;
  name: string;
  message: string;
  thrownBy: number;
  reached: number;
  /** True when the error never reached the server: a layer caught it. */
  caught: boolean;
}

/** One request's trace, as exported. */
export interface TraceData {
  id: number;
  method: string;
  /** The request target, path and query (`REQUEST_URI`). */
  uri: string;
  /** When the request began, as an ISO 8601 date. */
  started: string;
  lanes: Lane[];
  events: TraceEvent[];
  errors: ErrorPath[];
  /** The status the client got, once the headers went out. */
  status?: string;
  /** True once the response is over (sent, or cut). */
  done: boolean;
  /** True when body bytes are hidden: a form post, or a response that sets a cookie (sizes only). */
  bodiesHidden: boolean;
  /** Events not recorded because the trace reached its limit. */
  dropped: number;
}

/** What `?format=json` answers. */
export interface TraceExport {
  /** The schema this follows: "gateway-trace/1". */
  format: "gateway-trace/1";
  traces: TraceData[];
}
