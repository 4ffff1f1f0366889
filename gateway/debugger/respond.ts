/**
 * Answers: the debugger's responses, in the representation the client asked for.
 *
 * A browser gets HTML, the page's script and tools asking for
 * `application/json` get JSON, and `curl` (which sends `Accept: *\/*`) gets
 * plain text. Refusals follow the same rule. Nothing the debugger answers
 * is cached: it holds source code, and may hold locals. Nor may a page of
 * another site show it in a frame (where it could trick you into typing
 * into the console: "clickjacking"), and a browser must take each answer
 * as the type it says, never guess HTML in the text.
 *
 * @example
 * return send(startResponse, refusal(environ, "403 Forbidden", verdict.reason));
 */
import { encode } from "../bytes.ts";
import type { Chunk, Environ, Headers, StartResponse } from "../types.ts";
import { renderJson } from "./json.ts";
import { renderPage } from "./page.ts";
import { renderText } from "./text.ts";
import type { View } from "./view.ts";

/** A whole response, before it is sent. */
export interface Answer {
  readonly status: string;
  readonly type: string;
  readonly text: string;
  readonly headers?: Headers;
}

const JSON_TYPE = "application/json";
const TEXT_TYPE = "text/plain; charset=utf-8";

/**
 * A report, as the client prefers it.
 * @example send(startResponse, reportAnswer(environ, "200 OK", view));
 */
export function reportAnswer(environ: Environ, status: string, view: View): Answer {
  switch (preferredType(environ.HTTP_ACCEPT)) {
    case "json":
      return { status, type: JSON_TYPE, text: JSON.stringify(renderJson(view)) };
    case "html":
      return { status, type: "text/html; charset=utf-8", text: String(renderPage(view)) };
    default:
      return { status, type: TEXT_TYPE, text: renderText(view) };
  }
}

/**
 * A refusal with its reason: JSON `{ "error": reason }` for the page's script, text otherwise.
 * @example refusal(environ, "404 Not Found", "no such error");
 */
export function refusal(
  environ: Environ,
  status: string,
  reason: string,
  headers?: Headers,
): Answer {
  if (preferredType(environ.HTTP_ACCEPT) === "json") {
    return { status, type: JSON_TYPE, text: JSON.stringify({ error: reason }), headers };
  }
  return { status, type: TEXT_TYPE, text: `${status}: ${reason}\n`, headers };
}

/**
 * A JSON answer.
 * @example jsonAnswer({ ok: true, text: "42" });
 */
export function jsonAnswer(value: unknown): Answer {
  return { status: "200 OK", type: JSON_TYPE, text: JSON.stringify(value) };
}

/**
 * Starts the response and returns its body. `excInfo` is the error being
 * replaced, when the app had called startResponse already (PEP 3333, "Error Handling").
 * @example return send(startResponse, answer, response.started ? error : undefined);
 */
export function send(startResponse: StartResponse, answer: Answer, excInfo?: unknown): Chunk[] {
  const body = encode(answer.text);
  const headers: Headers = [
    ["Content-Type", answer.type],
    ["Content-Length", String(body.byteLength)],
    ["Cache-Control", "no-store"],
    ["X-Frame-Options", "DENY"],
    ["Content-Security-Policy", "frame-ancestors 'none'"],
    ["X-Content-Type-Options", "nosniff"],
    ...(answer.headers ?? []),
  ];
  startResponse(answer.status, headers, excInfo);
  return [body];
}

/** The first of JSON and HTML the Accept header names; text when it names neither. */
function preferredType(accept = ""): "json" | "html" | "text" {
  const json = accept.indexOf(JSON_TYPE);
  const html = accept.indexOf("text/html");
  if (json !== -1 && (html === -1 || json < html)) return "json";
  return html === -1 ? "text" : "html";
}
