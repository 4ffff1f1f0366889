/**
 * HTTP errors: answers an app can throw (like Paste's `paste.httpexceptions`
 * and Werkzeug's `werkzeug.exceptions`).
 *
 * Deep inside an app, "this user does not exist" is easiest said by
 * throwing: `throw notFound("No such user.")`. One class, `HttpError`,
 * carries the status, a detail message that is safe to show a visitor, and
 * any headers the status needs (`Allow` for 405, `Retry-After` for 429,
 * `Location` for redirects, in `redirects.ts`). As in Paste, where every
 * HTTP exception is itself a WSGI app, an `HttpError` can answer a request
 * with `respond()`: a small HTML page, or JSON (RFC 9457 problem details)
 * when the client's `Accept` prefers it. The `httpErrors()` middleware
 * (`http-error-middleware.ts`) catches thrown ones and calls `respond()`.
 *
 * @example
 * const showUser: App = (environ, startResponse) => {
 *   const user = users.get(routeParams(environ).id ?? "");
 *   if (user === undefined) throw notFound("No such user.");
 *   return htmlResponse(startResponse, "200 OK", html`<h1>${user.name}</h1>`);
 * };
 * serve(httpErrors()(router([route("GET", "/users/:id", showUser)])));
 */
import { STATUS_CODES } from "node:http";
import { encode } from "../bytes.ts";
import { html, type SafeHtml } from "../html.ts";
import { checkHeaders, findHeader, parseStatus } from "../response-checks.ts";
import type { Chunk, Environ, Headers, StartResponse } from "../types.ts";
import { mediaQuality } from "./accept.ts";

/** What a visitor is told when the code throwing the error gave no detail of its own. */
const DEFAULT_DETAILS: Record<number, string> = {
  400: "The server could not understand this request.",
  401: "You need to sign in to see this page.",
  403: "You are not allowed to see this page.",
  404: "There is nothing at this address.",
  405: "This address does not answer to this method.",
  409: "This request conflicts with the current state of the page.",
  413: "The request body is larger than this server accepts.",
  415: "The request body is of a type this address does not accept.",
  429: "Too many requests: wait a little, then try again.",
  500: "The server could not answer this request.",
};

/** The reasons RFC 9110 gives, where Node's table still has an older name. */
const REASONS: Record<number, string> = { 413: "Content Too Large" };

/**
 * What may be said when making an `HttpError`.
 * @example new HttpError(422, { detail: "The date is in the past.", cause: error })
 */
export interface HttpErrorOptions {
  /** Shown to the visitor: never put secrets, stack traces or unescaped markup here. */
  detail?: string;
  /** Extra headers the status needs, such as `Allow` or `Retry-After`. */
  headers?: Headers;
  /** The reason phrase; by default the one RFC 9110 gives for the code. */
  reason?: string;
  /** The error behind this one, for the log (never shown to the visitor). */
  cause?: unknown;
}

/**
 * An HTTP answer, thrown. The `message` (for logs) holds the status and the detail.
 * @example throw new HttpError(409, { detail: "That name is taken." });
 */
export class HttpError extends Error {
  override name = "HttpError";
  readonly code: number;
  readonly reason: string;
  readonly detail: string;
  readonly headers: Headers;

  constructor(code: number, options: HttpErrorOptions = {}) {
    checkCode(code);
    const reason = options.reason ?? REASONS[code] ?? STATUS_CODES[code] ?? "Error";
    const detail = options.detail ?? DEFAULT_DETAILS[code] ?? reason;
    super(`${code} ${reason}: ${detail}`, { cause: options.cause });
    parseStatus(`${code} ${reason}`);
    checkHeaders(options.headers ?? []);
    this.code = code;
    this.reason = reason;
    this.detail = detail;
    this.headers = options.headers ?? [];
  }

  /** The status line, as startResponse takes it: "404 Not Found". */
  get status(): string {
    return `${this.code} ${this.reason}`;
  }

  /**
   * Answers the request with this error: an HTML page, or JSON when the
   * client prefers it. Pass `excInfo` when startResponse was called already.
   * @example return notFound().respond(environ, startResponse);
   */
  respond(environ: Environ, startResponse: StartResponse, excInfo?: unknown): Chunk[] {
    const json = prefersJson(environ.HTTP_ACCEPT);
    const body = encode(json ? this.#json() : String(this.#page()));
    const headers: Headers = [
      ["Content-Type", json ? "application/problem+json" : "text/html; charset=utf-8"],
      ["Content-Length", String(body.byteLength)],
      ...this.headers,
    ];
    startResponse(this.status, headers, excInfo);
    return [body];
  }

  /** RFC 9457's problem details; "about:blank" says the status alone tells what went wrong. */
  #json(): string {
    return JSON.stringify({
      type: "about:blank",
      title: this.reason,
      status: this.code,
      detail: this.detail,
    });
  }

  #page(): SafeHtml {
    const location = findHeader(this.headers, "Location");
    return html`<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>${this.status}</title></head>
<body>
<h1>${this.reason}</h1>
<p>${this.detail}</p>
${location !== undefined && html`<p>Go to <a href="${location}">${location}</a>.</p>`}
</body>
</html>
`;
  }
}

function checkCode(code: number): void {
  if (!Number.isInteger(code) || code < 300 || code > 599) {
    throw new RangeError(
      `HttpError(${code}): an HTTP error has a status code from 300 to 599; ` +
        "did you mean to answer normally with startResponse?",
    );
  }
}

/** True when the client ranks JSON above HTML: an API client, or `fetch` asking for JSON. */
function prefersJson(accept: string | undefined): boolean {
  if (accept === undefined) return false;
  const json = Math.max(
    mediaQuality(accept, "application/json"),
    mediaQuality(accept, "application/problem+json"),
  );
  return json > mediaQuality(accept, "text/html");
}

/** 400: the request is malformed. @example throw badRequest("The form has no name field."); */
export function badRequest(detail?: string, cause?: unknown): HttpError {
  return new HttpError(400, { detail, cause });
}

/**
 * 401: sign in first. HTTP asks for a `WWW-Authenticate` challenge; pass one
 * for HTTP authentication (`'Basic realm="admin"'`). A sign-in form needs none.
 * @example throw unauthorized("Sign in to see your account.");
 */
export function unauthorized(detail?: string, challenge?: string): HttpError {
  const headers: Headers = challenge === undefined ? [] : [["WWW-Authenticate", challenge]];
  return new HttpError(401, { detail, headers });
}

/** 403: signed in, or not, this is not for you. @example throw forbidden(); */
export function forbidden(detail?: string): HttpError {
  return new HttpError(403, { detail });
}

/** 404: nothing here. @example throw notFound("No such user."); */
export function notFound(detail?: string): HttpError {
  return new HttpError(404, { detail });
}

/**
 * 405, with the `Allow` header listing the methods that would work (sorted).
 * @example throw methodNotAllowed(["GET", "POST"]);
 */
export function methodNotAllowed(allowed: string[], detail?: string): HttpError {
  const allow = [...new Set(allowed)].sort().join(", ");
  return new HttpError(405, { detail, headers: [["Allow", allow]] });
}

/** 409: the request clashes with what is there. @example throw conflict("That name is taken."); */
export function conflict(detail?: string): HttpError {
  return new HttpError(409, { detail });
}

/** 413: the body is too large. @example throw contentTooLarge("Forms are limited to 100 kB."); */
export function contentTooLarge(detail?: string): HttpError {
  return new HttpError(413, { detail });
}

/** 415: the body is of the wrong type. @example throw unsupportedMediaType("Send JSON."); */
export function unsupportedMediaType(detail?: string): HttpError {
  return new HttpError(415, { detail });
}

/**
 * 429, with `Retry-After` in whole seconds.
 * @example throw tooManyRequests(60, "Too many sign-in attempts: try again in a minute.");
 */
export function tooManyRequests(retryAfterSeconds: number, detail?: string): HttpError {
  if (!Number.isInteger(retryAfterSeconds) || retryAfterSeconds < 0) {
    throw new RangeError(`Retry-After is a whole number of seconds, not ${retryAfterSeconds}`);
  }
  return new HttpError(429, { detail, headers: [["Retry-After", String(retryAfterSeconds)]] });
}

/**
 * 500, keeping the cause for the log; the visitor sees only the detail.
 * @example throw internalServerError(undefined, databaseError);
 */
export function internalServerError(detail?: string, cause?: unknown): HttpError {
  return new HttpError(500, { detail, cause });
}
