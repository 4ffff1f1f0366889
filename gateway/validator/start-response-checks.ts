/**
 * Checks on what the app passes to startResponse: the status and the headers.
 *
 * PEP 3333 asks servers to check the headers "at the time start_response is
 * called, so that an error can be raised while the application is still
 * running" ("The start_response() Callable"): the stack trace then points
 * at the line of the app that made the mistake.
 *
 * @example
 * const code = checkStartResponse(args, record.started); // 200 for "200 OK"
 */
import { excInfoGiven, findHeader, HOP_BY_HOP, hasNoBody } from "../response-checks.ts";
import type { Headers } from "../types.ts";
import { fail, show } from "./validation-error.ts";

/** validate.py's header name pattern, also refusing a trailing "-" or "_". */
const TOKEN = /^[a-zA-Z](?:[a-zA-Z0-9_-]*[a-zA-Z0-9])?$/;
/** Unicode's control characters (category Cc): C0 (CR, LF, tab...), DEL and C1. */
const CONTROL = /\p{Cc}/u;
/** A character that ISO-8859-1 cannot encode: past U+00FF (astral ones are two code units, both past it). */
const BEYOND_LATIN_1 = /[\u0100-\uffff]/;

/**
 * Checks one call of startResponse, given whether an earlier call started
 * the response, and returns the status code.
 */
export function checkStartResponse(args: unknown[], started: boolean): number {
  checkStartResponseArguments(args);
  const [status, headers, excInfo] = args;
  checkSecondCall(started, excInfo);
  checkStatusFormat(status);
  checkStatusControlCharacters(status);
  checkLatin1("the status", status);
  const code = checkStatusCode(status);
  checkHeadersArray(headers);
  for (const pair of headers) checkHeader(pair);
  checkContentTypeGiven(code, headers);
  checkNoContentTypeWithoutBody(code, headers);
  checkNoContentLengthWithoutContent(code, headers);
  return code;
}

/** The checks on one [name, value] pair. */
function checkHeader(pair: unknown): void {
  checkHeaderPair(pair);
  const [name, value] = pair;
  checkNotStatusHeader(name);
  checkHeaderName(name);
  checkHeaderValue(name, value);
  checkLatin1(`header ${name}`, value);
  checkNotHopByHop(name);
  checkContentLengthHeader(name, value);
}

/** Rule `start-response-arguments`. */
function checkStartResponseArguments(args: unknown[]): void {
  if (args.length !== 2 && args.length !== 3)
    fail("start-response-arguments", `${args.length} arguments`);
}

/**
 * Rule `start-response-twice`: only an error handler may change its mind,
 * and it says so with excInfo. `null` (Python's None) is not given, as for the server.
 */
function checkSecondCall(started: boolean, excInfo: unknown): void {
  if (started && !excInfoGiven(excInfo))
    fail("start-response-twice", "a second call without excInfo");
}

/** Rule `status-format`. */
function checkStatusFormat(status: unknown): asserts status is string {
  if (typeof status !== "string" || !/^\d{3} \S/.test(status)) fail("status-format", show(status));
}

/** Rule `status-control-characters`: a CR or LF would end the status line early. */
function checkStatusControlCharacters(status: string): void {
  if (CONTROL.test(status)) fail("status-control-characters", show(status));
}

/** Rule `status-code`: a 1xx is no final answer, and the client would wait for one. Returns the code. */
function checkStatusCode(status: string): number {
  const code = Number(status.slice(0, 3));
  if (code < 200) fail("status-code", show(status));
  return code;
}

/** Rule `headers-array`. */
function checkHeadersArray(headers: unknown): asserts headers is Headers {
  if (!Array.isArray(headers)) fail("headers-array", show(headers));
}

/** Rule `header-pair`. */
function checkHeaderPair(pair: unknown): asserts pair is [string, string] {
  const isPair = Array.isArray(pair) && pair.length === 2;
  if (!isPair || typeof pair[0] !== "string" || typeof pair[1] !== "string")
    fail("header-pair", show(pair));
}

/** Rule `header-status`: "Status:" is how CGI carries the status; here it is startResponse's first argument. */
function checkNotStatusHeader(name: string): void {
  if (name.toLowerCase() === "status") fail("header-status", `header ${show(name)}`);
}

/** Rule `header-name`. */
function checkHeaderName(name: string): void {
  if (!TOKEN.test(name)) fail("header-name", show(name));
}

/** Rule `header-value`: a CR or LF would let the value start a header of its own. */
function checkHeaderValue(name: string, value: string): void {
  if (CONTROL.test(value)) fail("header-value", `${name}: ${show(value)}`);
}

/**
 * Rule `latin-1`: status and headers are "native strings" that must encode
 * as ISO-8859-1 (PEP 3333, "Unicode Issues"); HTTP carries them as bytes.
 */
function checkLatin1(what: string, text: string): void {
  if (BEYOND_LATIN_1.test(text)) fail("latin-1", `${what}: ${show(text)}`);
}

/** Rule `hop-by-hop`: these headers describe the connection, which the server owns. */
function checkNotHopByHop(name: string): void {
  if (HOP_BY_HOP.has(name.toLowerCase())) fail("hop-by-hop", `header ${show(name)}`);
}

/** Rule `content-length-header`. */
function checkContentLengthHeader(name: string, value: string): void {
  if (name.toLowerCase() === "content-length" && !/^\d+$/.test(value)) {
    fail("content-length-header", `Content-Length: ${show(value)}`);
  }
}

/** Rule `content-type-missing`: without it, browsers guess, and guessing is how HTML ends up run as script. */
function checkContentTypeGiven(code: number, headers: Headers): void {
  if (!hasNoBody(code) && findHeader(headers, "Content-Type") === undefined) {
    fail("content-type-missing", `a ${code} response with headers ${show(headers)}`);
  }
}

/** Rule `content-type-forbidden`. */
function checkNoContentTypeWithoutBody(code: number, headers: Headers): void {
  if (hasNoBody(code) && findHeader(headers, "Content-Type") !== undefined) {
    fail("content-type-forbidden", `Content-Type in a ${code} response`);
  }
}

/**
 * Rule `content-length-forbidden`: a 204 has no content to measure. (A 304
 * may give the length of the 200 it stands for, as a HEAD answer may.)
 */
function checkNoContentLengthWithoutContent(code: number, headers: Headers): void {
  const length = findHeader(headers, "Content-Length");
  if (code === 204 && length !== undefined) {
    fail("content-length-forbidden", `Content-Length: ${show(length)} in a 204 response`);
  }
}
