/**
 * The request cycle: one request, from calling the app to the last byte.
 *
 * Every server in the workshop (`node:http`, CGI, FastCGI, the bridges and
 * the test client) runs apps through `runCycle`, and supplies only its I/O
 * as a `ResponseSink` (response-sink.ts). `runCycle` calls the app and
 * hands what it returns to an `OutgoingResponse` (outgoing-response.ts),
 * which keeps the rules of PEP 3333 in one place; an error, whether the app
 * throws it or the body does, is answered there too.
 *
 * @example
 * await runCycle(app, environ, sink); // sink: the server's I/O
 */
import { encode } from "./bytes.ts";
import type { BadRequest } from "./environ.ts";
import { OutgoingResponse } from "./outgoing-response.ts";
import type { ResponseSink } from "./response-sink.ts";
import type { App, Environ } from "./types.ts";

/**
 * The mark of an app that watches what the server does with its response:
 * the tracer (gateway/trace/) puts it on the apps it wraps, to draw the
 * server's lane; given the sink, it returns a stand-in that passes every
 * call on. An app without it costs one property look-up.
 * @example app[WATCH_RESPONSE] = (environ, sink) => new TracedSink(sink, trace);
 */
export const WATCH_RESPONSE: unique symbol = Symbol("gateway.watchResponse");

/** An app that may carry the mark. */
type WatchingApp = App & {
  [WATCH_RESPONSE]?: (environ: Environ, sink: ResponseSink) => ResponseSink;
};

/**
 * Runs `app` for one request and sends its response through `sink`.
 * Never throws: an error is logged to `gateway.errors` and answered (500 or
 * a cut connection).
 *
 * Returns `undefined` when the response went out in full before `runCycle`
 * returned, which is what most apps do (a list body, returned at once);
 * otherwise a promise that resolves when the cycle is over, with the error
 * if there was one, for servers and tests to inspect. It is written with
 * `then` rather than `async`: an async function costs a promise and trips
 * through the microtask queue even when it has nothing to wait for, a
 * measurable share of a small request's time (bench/README.md).
 * @example const error = await runCycle(app, environ, sink); // undefined when all went well
 */
export function runCycle(
  app: App,
  environ: Environ,
  sink: ResponseSink,
): Promise<unknown> | undefined {
  const watch = (app as WatchingApp)[WATCH_RESPONSE];
  const response = new OutgoingResponse(environ, watch ? watch(environ, sink) : sink);
  try {
    const body = app(environ, response.startResponse);
    const sending =
      body instanceof Promise
        ? body.then((ready) => response.sendBody(ready))
        : response.sendBody(body);
    return sending?.then(
      () => undefined,
      (error: unknown) => response.fail(error),
    );
  } catch (error) {
    return Promise.resolve(response.fail(error));
  }
}

/**
 * Answers a request that no app should see (a `BadRequest`: a path that is
 * not valid UTF-8, a CONTENT_LENGTH that is not a number, ...) with a 400
 * and its reason. Every server refuses such requests the same way.
 * @example refuse(sink, new BadRequest("the path is not valid UTF-8"));
 */
export function refuse(sink: ResponseSink, error: BadRequest): void {
  const body = encode(`Bad Request: ${error.message}\n`);
  sink.head(400, "Bad Request", [
    ["Content-Type", "text/plain; charset=utf-8"],
    ["Content-Length", String(body.byteLength)],
  ]);
  sink.end(body);
}
