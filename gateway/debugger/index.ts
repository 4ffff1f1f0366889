/**
 * The interactive debugger: when an app fails, the browser shows every
 * frame of the error, its source, its local variables, and a console that
 * runs expressions in that frame (Paste's EvalException, Werkzeug's
 * `DebuggedApplication`).
 *
 * Wrap the app, and enable it explicitly: it is off unless told, because
 * whoever can use its console can run any code in the server's process.
 * Only for development, on your own machine; never in production.
 *
 * An error thrown by the app, or while its body is produced, before any
 * bytes went out, is answered with the debugger's page (status 500), as
 * HTML, text or JSON, to requests from this machine (guard.ts); anyone
 * else gets a plain 500 that says why, and shows nothing of the error.
 * After bytes went out the status cannot change: the error is kept and
 * logged with the address of its page, and rethrown so the server cuts
 * the connection. Past errors stay viewable at their own address
 * (routes.ts). How the frames are kept: capture.ts. The app never sees
 * the secret's header: it is the debugger's, not the app's to log.
 *
 * @example
 * import { interactiveDebugger } from "../gateway/debugger/index.ts";
 * const app = interactiveDebugger({ enabled: true })(myApp);
 * await serve(app, { port: 8010 }); // the terminal shows the secret
 */
import { types } from "node:util";
import { ClientGone } from "../response-sink.ts";
import type { App, Body, Chunk, Environ, Middleware, StartResponse } from "../types.ts";
import { startCapturing, takeCapture } from "./capture.ts";
import { guardForProcess } from "./guard.ts";
import { makeReport, type Report } from "./report.ts";
import { duringRequest, stepsDuringRequest } from "./request-scope.ts";
import { refusal, reportAnswer, send } from "./respond.ts";
import { type DebuggerContext, debuggerRoutes, viewFor } from "./routes.ts";
import { startPausing } from "./session.ts";
import { ReportStore } from "./store.ts";
import { printable } from "./text.ts";
import { DEBUGGER_PATH, reportUrl } from "./view.ts";

/** How the debugger is set up. */
export interface DebuggerOptions {
  /** Must be `true` for the debugger to do anything; with `false` the app is returned as it is. */
  readonly enabled: boolean;
  /** How many past errors stay viewable (default 20); the oldest is dropped first. */
  readonly keep?: number;
  /** Prints the secret, once, on the server's terminal (default: standard error). */
  readonly print?: (text: string) => void;
}

/**
 * Makes the debugger middleware. Enabling it prints the process's secret.
 * @example const app = interactiveDebugger({ enabled: process.env.GATEWAY_DEBUG === "1" })(myApp);
 */
export function interactiveDebugger(options: DebuggerOptions): Middleware {
  if (!options.enabled) return (app) => app;
  const context: DebuggerContext = {
    store: new ReportStore(options.keep ?? 20),
    guard: guardForProcess(),
  };
  startCapturing();
  const print = options.print ?? ((text: string) => process.stderr.write(`${text}\n`));
  print(
    "Interactive debugger on: errors show their frames, source and locals in the browser.\n" +
      "Never in production: with this secret, anyone can run code in this process.\n" +
      `Debugger secret: ${context.guard.secret}`,
  );
  return (app) =>
    async function debugged(environ, startResponse) {
      if (environ.PATH_INFO.startsWith(`${DEBUGGER_PATH}/`))
        return debuggerRoutes(environ, startResponse, context);
      return duringRequest(environ, () => runDebugged(app, environ, startResponse, context));
    };
}

/** Runs the app with pausing on; a body that is not a list is watched while it is made. */
async function runDebugged(
  app: App,
  environ: Environ,
  startResponse: StartResponse,
  context: DebuggerContext,
): Promise<Body> {
  const response = new WatchedResponse(startResponse);
  const stopPausing = startPausing();
  let body: Body;
  try {
    body = await app(withoutSecret(environ), response.startResponse);
  } catch (error) {
    stopPausing();
    return answerError(error, environ, response, context);
  }
  stopPausing();
  // A list is complete: nothing more can be thrown while it is sent.
  return Array.isArray(body) ? body : watchBody(body, environ, response, context);
}

/**
 * Passes the body on chunk by chunk, with pausing on; an error on the way
 * is answered or, too late for that, rethrown. Pausing starts with the
 * first chunk asked for, so a body that is dropped unread leaves it off.
 */
async function* watchBody(
  body: Body,
  environ: Environ,
  response: WatchedResponse,
  context: DebuggerContext,
): AsyncGenerator<Chunk> {
  const stopPausing = startPausing();
  try {
    for await (const chunk of stepsDuringRequest(environ, body)) {
      // The server sends the headers with the first chunk that has bytes.
      if (chunk.byteLength > 0) response.bytesSent = true;
      yield chunk;
    }
  } catch (error) {
    stopPausing();
    yield* answerError(error, environ, response, context);
  } finally {
    stopPausing();
  }
}

/** The environ the app gets: without the debugger's secret. */
function withoutSecret(environ: Environ): Environ {
  if (environ.HTTP_X_DEBUGGER_SECRET === undefined) return environ;
  const { HTTP_X_DEBUGGER_SECRET: _secret, ...rest } = environ;
  return rest;
}

/** Keeps a report of the error, logs where to see it, and answers with it if it is not too late. */
function answerError(
  error: unknown,
  environ: Environ,
  response: WatchedResponse,
  context: DebuggerContext,
): Chunk[] {
  // The client left: there is nobody to show a page to, and nothing wrong with the app.
  // (A Proxy is no ClientGone, and instanceof would run its traps.)
  if (!types.isProxy(error) && error instanceof ClientGone) throw error;
  const report = context.store.add(makeReport(error, takeCapture(error, environ), environ));
  log(environ, report, response.bytesSent);
  if (response.bytesSent) throw error;
  // The guard's place rule holds here too: frames, source and paths are for this machine only.
  const place = context.guard.checkPlace(environ);
  const status = "500 Internal Server Error";
  const answer = place.allowed
    ? reportAnswer(environ, status, viewFor(report, environ, context))
    : refusal(environ, status, `the debugger shows errors only on this machine: ${place.reason}`);
  return send(response.inner, answer, response.started ? error : undefined);
}

function log(environ: Environ, report: Report, tooLate: boolean): void {
  const host = environ.HTTP_HOST ?? `${environ.SERVER_NAME}:${environ.SERVER_PORT}`;
  const url = `${environ["gateway.url_scheme"]}://${host}${reportUrl(environ.SCRIPT_NAME, report.id)}`;
  const answered = tooLate
    ? "after the headers went out (connection cut)"
    : "answered with the debugger's page";
  const errors = environ["gateway.errors"];
  const stack = report.stack || report.message;
  errors.write(printable(`${report.request.method} ${report.request.path}: ${stack}\n`));
  errors.write(printable(`Debugger: error ${report.id}, ${answered}: ${url}\n`));
  errors.flush();
}

/** Remembers whether startResponse was called, and whether any bytes went out through write(). */
class WatchedResponse {
  started = false;
  bytesSent = false;

  constructor(readonly inner: StartResponse) {}

  readonly startResponse: StartResponse = (status, headers, excInfo) => {
    const write = this.inner(status, headers, excInfo);
    this.started = true;
    return (chunk) => {
      if (chunk.byteLength > 0) this.bytesSent = true;
      return write(chunk);
    };
  };
}
