/**
 * The debugger's own addresses, under `/__debugger__/` in the app's space:
 * - `GET /__debugger__/errors/<id>`: a kept report, as HTML, text or JSON
 *   (respond.ts); with locals when the secret comes along;
 * - `POST /__debugger__/errors/<id>/frames/<n>/console`: runs the JSON
 *   body's `expression` in frame `n`, and answers `{ ok, text }`.
 *
 * Every one of them is refused (403) unless the request comes from this
 * machine to a loopback name; locals and the console also need the secret
 * (guard.ts).
 *
 * @example
 * if (environ.PATH_INFO.startsWith(`${DEBUGGER_PATH}/`)) return debuggerRoutes(environ, startResponse, context);
 */
import { collect, decode } from "../bytes.ts";
import type { Body, Environ, StartResponse } from "../types.ts";
import { evaluate } from "./console.ts";
import type { Guard } from "./guard.ts";
import type { Report } from "./report.ts";
import { type Answer, jsonAnswer, refusal, reportAnswer, send } from "./respond.ts";
import type { ReportStore } from "./store.ts";
import { DEBUGGER_PATH, type View } from "./view.ts";

/** What the routes work with: one middleware's reports, and the process's guard. */
export interface DebuggerContext {
  readonly store: ReportStore;
  readonly guard: Guard;
}

const ROUTE = new RegExp(`^${DEBUGGER_PATH}/errors/(\\d+)(?:/frames/(\\d+)/console)?$`);
/** An expression is typed by hand: anything longer is not one. */
const EXPRESSION_LIMIT = 20_000;

/**
 * Answers a request for one of the debugger's addresses.
 * @example await debuggerRoutes(environ, startResponse, { store, guard });
 */
export async function debuggerRoutes(
  environ: Environ,
  startResponse: StartResponse,
  context: DebuggerContext,
): Promise<Body> {
  return send(startResponse, await route(environ, context));
}

/**
 * The view of a report for a request from this machine (the guard's place
 * rule, which the caller checked): with locals when the guard allows.
 * @example viewFor(report, environ, context).showLocals; // false without the secret
 */
export function viewFor(report: Report, environ: Environ, context: DebuggerContext): View {
  const verdict = context.guard.checkSecret(environ);
  return {
    report,
    showLocals: verdict.allowed,
    hiddenBecause: verdict.allowed ? "" : verdict.reason,
    scriptName: environ.SCRIPT_NAME,
    others: context.store.list().filter((other) => other !== report),
  };
}

async function route(environ: Environ, context: DebuggerContext): Promise<Answer> {
  const place = context.guard.checkPlace(environ);
  if (!place.allowed) return refusal(environ, "403 Forbidden", place.reason);
  const match = ROUTE.exec(environ.PATH_INFO);
  const report = match === null ? undefined : context.store.get(Number(match[1]));
  if (match === null || report === undefined) {
    const kept = `the debugger keeps the last ${context.store.limit} errors of this process`;
    return refusal(environ, "404 Not Found", `no such error: ${kept}`);
  }
  const [, , frame] = match;
  const method = environ.REQUEST_METHOD;
  if (frame === undefined && (method === "GET" || method === "HEAD")) {
    return showReport(environ, report, context);
  }
  if (frame !== undefined && method === "POST") {
    return runConsole(environ, report, Number(frame), context);
  }
  const allow = frame === undefined ? "GET, HEAD" : "POST";
  return refusal(environ, "405 Method Not Allowed", `use ${allow} here`, [["Allow", allow]]);
}

function showReport(environ: Environ, report: Report, context: DebuggerContext): Answer {
  const view = viewFor(report, environ, context);
  // Asking for locals with a secret that is refused is an error; not asking is not.
  if (environ.HTTP_X_DEBUGGER_SECRET !== undefined && !view.showLocals) {
    return refusal(environ, "403 Forbidden", view.hiddenBecause);
  }
  return reportAnswer(environ, "200 OK", view);
}

async function runConsole(
  environ: Environ,
  report: Report,
  index: number,
  context: DebuggerContext,
): Promise<Answer> {
  const verdict = context.guard.checkSecret(environ);
  if (!verdict.allowed) return refusal(environ, "403 Forbidden", verdict.reason);
  const frame = report.frames[index];
  if (frame?.locals === undefined) {
    const reason = `frame ${index} of error ${report.id} has no captured locals`;
    return refusal(environ, "404 Not Found", reason);
  }
  const expression = await readExpression(environ);
  if (expression === undefined) {
    return refusal(environ, "400 Bad Request", 'send JSON like {"expression": "user.name"}');
  }
  // The frame's own variables hide top-level names of the same name, as in the code.
  return jsonAnswer(await evaluate(expression, { ...frame.moduleScope, ...frame.locals }));
}

/** The `expression` of a small JSON body; undefined for anything else. */
async function readExpression(environ: Environ): Promise<string | undefined> {
  if (!environ.CONTENT_TYPE?.startsWith("application/json")) return undefined;
  try {
    const body = JSON.parse(
      decode(await collect(environ["gateway.input"], { limit: EXPRESSION_LIMIT })),
    );
    return typeof body?.expression === "string" ? body.expression : undefined;
  } catch {
    return undefined; // too long, or not JSON
  }
}
