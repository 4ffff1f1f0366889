/**
 * `gateway.signal`: an `AbortSignal` that aborts when the client goes away
 * or the server stops.
 *
 * A server learns that its client left when it next sends: a generator is
 * finished at the `yield` after the client left (lesson 07). An app that
 * is waiting for something else (a database, a timer, another server)
 * would go on waiting for nobody. So every server also watches the
 * connection itself, and aborts `gateway.signal` the moment it closes
 * before the answer is complete, or the web server in front aborts the
 * request, or the server stops. The app hands the signal to whatever it
 * awaits, as the Fetch standard's own `request.signal` is used:
 * `fetch(url, { signal })`, `setTimeout(ms, value, { signal })` from
 * `node:timers/promises`, most database clients. Its `reason` is a
 * `ClientGone`.
 *
 * An `AbortSignal` costs microseconds to make, more than the rest of a
 * small request, and most apps never read it. So it is made the first
 * time an app reads the key: the environ holds a getter, shared by every
 * request, which makes the signal, puts it in the environ as a plain
 * value, and only then asks the server to watch the client. A middleware
 * that copies the environ (`{ ...environ }`) reads every key, and so
 * makes the signal for the copy to hold.
 *
 * @example
 * // the server's side (addGatewayVariables does it for every server): the sink is a ClientWatch
 * addSignal(environ, sink);
 * // the app's side:
 * const rows = await db.query(sql, { signal: environ["gateway.signal"] });
 */
import { ClientGone } from "./response-sink.ts";

/**
 * What a server tells `gateway.signal`: when the client has gone.
 * @example class NodeSink implements ResponseSink, ClientWatch { ... }
 */
export interface ClientWatch {
  /**
   * Calls `abort` once the client has gone, or at once if it has already.
   * Called at most once per request, when the app first reads `gateway.signal`.
   */
  watchClient(abort: (reason: ClientGone) => void): void;
}

/**
 * Where the getter finds the request's watch: a symbol, so no environ key
 * is taken (`console.log(environ)` shows it, last).
 */
const WATCH = Symbol("gateway.signal watch");

type EnvironObject = Record<PropertyKey, unknown>;

/**
 * Gives the environ its `gateway.signal`, made when first read.
 * @example addSignal(environ, { watchClient: (abort) => socket.once("close", () => abort(gone)) });
 */
export function addSignal(environ: EnvironObject, watch: ClientWatch): void {
  environ[WATCH] = watch;
  // One descriptor for every request: a getter made per request would
  // turn the environ into a slow "dictionary" object in V8.
  Object.defineProperty(environ, "gateway.signal", LAZY_SIGNAL);
}

const LAZY_SIGNAL: PropertyDescriptor = {
  get: makeSignal,
  // A middleware may put a signal of its own in its place (a time limit, say).
  set: putSignal,
  enumerable: true,
  configurable: true,
};

function makeSignal(this: EnvironObject): AbortSignal {
  const controller = new AbortController();
  putSignal.call(this, controller.signal);
  (this[WATCH] as ClientWatch).watchClient((reason) => controller.abort(reason));
  return controller.signal;
}

/** Replaces the getter with a plain value: the next read costs nothing. */
function putSignal(this: EnvironObject, signal: unknown): void {
  Object.defineProperty(this, "gateway.signal", {
    value: signal,
    writable: true,
    enumerable: true,
    configurable: true,
  });
}

/**
 * A `ClientWatch` for a client that a signal of its own says has left: the
 * Fetch standard's `request.signal`, or a test's.
 * @example watchSignal(request.signal, "the client closed the connection")
 */
export function watchSignal(signal: AbortSignal, reason: string): ClientWatch {
  return {
    watchClient(abort) {
      const gone = () => abort(new ClientGone(reason));
      if (signal.aborted) gone();
      else signal.addEventListener("abort", gone, { once: true });
    },
  };
}
