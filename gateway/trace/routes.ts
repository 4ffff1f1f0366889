/**
 * The trace page's addresses, served on a loopback port of their own:
 *
 *   /trace                   the live page
 *   /trace?format=json       every trace kept so far, as JSON (events.ts, trace.schema.json)
 *   /trace?format=html       every trace, as one self-contained HTML file
 *   /trace/events            the live page's server-sent events (live.ts)
 *   /trace/N                 the page, opened on trace N
 *   /trace/N?format=svg      trace N's diagram, as a self-contained SVG file
 *   /trace/N?format=json     trace N, as JSON
 *   /trace/N?format=html     trace N, as a self-contained HTML file
 *
 * Each request must come from this machine to a loopback name, as for the
 * debugger (../loopback.ts): a trace shows what the app's requests looked
 * like, and a page on another site must not read it. Anything else is a
 * 403 with the reason.
 *
 * @example
 * await serve(traceRoutes(tracer, { title: "app.ts", stop }), { port: 8100 });
 */
import { encode } from "../bytes.ts";
import { html, htmlResponse, type SafeHtml } from "../html.ts";
import { checkLoopback } from "../loopback.ts";
import type { App, Body, Environ, Headers, StartResponse } from "../types.ts";
import { drawTrace } from "./diagram.ts";
import type { TraceData, TraceExport } from "./events.ts";
import { liveTraces } from "./live.ts";
import { type PageEntry, tracePage } from "./page.ts";
import type { Trace } from "./trace.ts";
import type { Tracer } from "./tracer.ts";

/** What the pages show, and what ends their live streams. */
export interface TraceRoutesOptions {
  /** What is traced, for the page's title. */
  title: string;
  /** Aborted when the server stops: the live streams end. */
  stop: AbortSignal;
}

/** The address of the page. @example `${page.url}` ends with TRACE_PATH */
export const TRACE_PATH = "/trace";
const ONE_TRACE = /^\/trace\/(\d+)$/;
const FORMATS = ["json", "html", "svg"];

/**
 * The app that serves `tracer`'s traces.
 * @example const app = traceRoutes(startTracing(), { title: "demo", stop: controller.signal });
 */
export function traceRoutes(tracer: Tracer, options: TraceRoutesOptions): App {
  return function tracePages(environ, startResponse) {
    const format = new URLSearchParams(environ.QUERY_STRING).get("format") ?? "page";
    const refused = refusal(environ, format);
    if (refused !== undefined) return plain(startResponse, ...refused);
    const path = environ.PATH_INFO;
    if (path === "/" || path === "") {
      startResponse("303 See Other", [
        ["Location", `${environ.SCRIPT_NAME}${TRACE_PATH}`],
        ["Content-Type", "text/plain"],
      ]);
      return [encode("The trace page is at /trace\n")];
    }
    const base = `${environ.SCRIPT_NAME}${TRACE_PATH}`;
    if (path === TRACE_PATH) return allTraces(tracer, { ...options, base }, format, startResponse);
    if (path === `${TRACE_PATH}/events`) {
      return stream(tracer, options, startResponse, environ.REQUEST_METHOD);
    }
    const match = ONE_TRACE.exec(path);
    const trace = match ? tracer.get(Number(match[1])) : undefined;
    if (trace === undefined) {
      const why = match
        ? `trace ${match[1]} is not kept (the page keeps the last requests)`
        : `no page at ${path}`;
      return plain(startResponse, "404 Not Found", `${why}: see ${TRACE_PATH}`);
    }
    return oneTrace(trace, { ...options, base }, format, startResponse);
  };
}

/** Why the page refuses a request (status, reason, headers); undefined when it does not. */
function refusal(environ: Environ, format: string): [string, string, Headers?] | undefined {
  const place = checkLoopback(environ, "the trace page");
  if (!place.allowed) return ["403 Forbidden", place.reason];
  const method = environ.REQUEST_METHOD;
  if (method !== "GET" && method !== "HEAD") {
    const allow: Headers = [["Allow", "GET, HEAD"]];
    return ["405 Method Not Allowed", "the trace page can only be read (GET)", allow];
  }
  if (format !== "page" && !FORMATS.includes(format)) {
    return ["400 Bad Request", `format must be json, html or svg, not "${format}"`];
  }
  return undefined;
}

/**
 * A trace as the page shows it: its data and its diagram.
 * @example entryFor(trace).svg.startsWith("<svg"); // true
 */
export function entryFor(trace: Trace): PageEntry {
  return entryOf(trace.toJSON());
}

/**
 * The same, for a trace read back from JSON (an export, a `GATEWAY_TRACE_FILE` line).
 * @example entryOf(JSON.parse(line)).svg.startsWith("<svg"); // true
 */
export function entryOf(data: TraceData): PageEntry {
  return { trace: data, svg: String(drawTrace(data)) };
}

/**
 * A page of traces read back from JSON: the exported page, for anyone who
 * recorded traces elsewhere (a test run with `GATEWAY_TRACE_FILE`).
 * @example htmlResponse(startResponse, "200 OK", snapshotPage("05-add-header", traces));
 */
export function snapshotPage(title: string, traces: TraceData[]): SafeHtml {
  return tracePage({ title, live: false, entries: traces.map(entryOf) });
}

/** The options, and the page's own address. */
type PageRequest = TraceRoutesOptions & { base: string };

function allTraces(
  tracer: Tracer,
  options: PageRequest,
  format: string,
  startResponse: StartResponse,
): Body {
  const traces = tracer.list();
  if (format === "json") return json(startResponse, exported(traces));
  if (format === "svg") {
    return plain(
      startResponse,
      "400 Bad Request",
      "an SVG holds one trace: ask for /trace/N?format=svg",
    );
  }
  const live = format === "page";
  const entries = live ? [] : traces.map(entryFor);
  const page = tracePage({
    title: options.title,
    base: live ? options.base : undefined,
    live,
    entries,
  });
  return htmlResponse(startResponse, "200 OK", page, [["Cache-Control", "no-store"]]);
}

function oneTrace(
  trace: Trace,
  options: PageRequest,
  format: string,
  startResponse: StartResponse,
): Body {
  if (format === "json") return json(startResponse, exported([trace]));
  if (format === "svg") {
    return send(startResponse, "image/svg+xml; charset=utf-8", String(drawTrace(trace.toJSON())));
  }
  const live = format === "page";
  const base = live ? options.base : undefined;
  const page = tracePage({ title: options.title, base, live, entries: [entryFor(trace)] });
  return htmlResponse(startResponse, "200 OK", page, [["Cache-Control", "no-store"]]);
}

/** The live events; a HEAD request gets the headers only (its body would never end). */
function stream(
  tracer: Tracer,
  options: TraceRoutesOptions,
  startResponse: StartResponse,
  method: string,
): Body {
  startResponse("200 OK", [
    ["Content-Type", "text/event-stream; charset=utf-8"],
    ["Cache-Control", "no-store"],
  ]);
  return method === "HEAD" ? [] : liveTraces(tracer, entryFor, options.stop);
}

function exported(traces: readonly Trace[]): TraceExport {
  return { format: "gateway-trace/1", traces: traces.map((trace) => trace.toJSON()) };
}

function json(startResponse: StartResponse, value: unknown): Body {
  return send(
    startResponse,
    "application/json; charset=utf-8",
    `${JSON.stringify(value, null, 2)}\n`,
  );
}

function send(startResponse: StartResponse, type: string, text: string): Body {
  const body = encode(text);
  startResponse("200 OK", [
    ["Content-Type", type],
    ["Content-Length", String(body.byteLength)],
    ["Cache-Control", "no-store"],
  ]);
  return [body];
}

function plain(
  startResponse: StartResponse,
  status: string,
  reason: string,
  headers: Headers = [],
): Body {
  return htmlResponse(
    startResponse,
    status,
    html`<!doctype html>\n<title>${status}</title>\n<h1>${status}</h1>\n<p>${reason}.</p>\n`,
    headers,
  );
}
