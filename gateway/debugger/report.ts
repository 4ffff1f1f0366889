/**
 * The report: everything the debugger keeps about one error.
 *
 * It is made once, when the error reaches the middleware: the error's name,
 * message and stack, its frames (frames.ts, with their live locals), and a
 * summary of the request that failed. The page, text and JSON renderers
 * only read it. The error is read as data, like any preview (preview.ts):
 * its own getters and `toString` never run, so an error that throws when
 * touched still gets its page; and a huge message is cut, so that the page
 * stays small. The request summary masks the headers that carry
 * credentials (cookies, authorization, the debugger's own secret): a report
 * stays viewable for the life of the process, and its page may be shared.
 *
 * @example
 * const report = store.add(makeReport(error, takeCapture(error, environ), environ));
 * report.frames[0]?.locals; // the failing frame's variables
 */
import { types } from "node:util";
import type { Environ } from "../types.ts";
import type { Capture } from "./capture.ts";
import { type Frame, framesOf } from "./frames.ts";
import { SECRET_HEADER } from "./guard.ts";
import { dataProperty, errorParts, preview } from "./preview.ts";

/** What the request was, with credentials masked. */
export interface RequestSummary {
  readonly method: string;
  /** As the client asked for it: `SCRIPT_NAME`, `PATH_INFO` and the query. */
  readonly path: string;
  readonly headers: ReadonlyArray<readonly [name: string, value: string]>;
}

/** One error, as the debugger shows it. */
export interface Report {
  /** Its number in the store: the page lives at `/__debugger__/errors/<id>`. */
  readonly id: number;
  readonly time: Date;
  readonly name: string;
  readonly message: string;
  readonly stack: string;
  readonly frames: readonly Frame[];
  /** Whether the debugger saw it thrown; if not, the frames come from `error.stack` alone. */
  readonly captured: boolean;
  readonly request: RequestSummary;
}

const MASKED = new Set([
  "cookie",
  "authorization",
  "proxy-authorization",
  SECRET_HEADER.toLowerCase(),
]);
/** Characters kept of a message, and of a stack (which starts with the message). */
const MESSAGE_LIMIT = 5_000;
const STACK_LIMIT = 20_000;

/**
 * A report, all but its id (the store gives that).
 * @example makeReport(new TypeError("x"), undefined, environ).frames; // from the stack only
 */
export function makeReport(
  error: unknown,
  capture: Capture | undefined,
  environ: Environ,
): Omit<Report, "id"> {
  // isNativeError, unlike instanceof, runs no Proxy trap of the error's.
  const isError = types.isNativeError(error);
  const { name, message } = isError
    ? errorParts(error)
    : { name: "Thrown value", message: preview(error) };
  const stack = isError ? stackOf(error) : "";
  return {
    time: new Date(),
    name: cut(name, MESSAGE_LIMIT),
    message: cut(message, MESSAGE_LIMIT),
    stack: cut(stack, STACK_LIMIT),
    frames: framesOf(stack, capture),
    captured: capture !== undefined,
    request: summarize(environ),
  };
}

/**
 * V8's own getter of `stack`, or undefined where there is none. On Node 20
 * (V8 11.3) an error's `stack` is a data property. From Node 21 on (V8
 * change 4459251; nodejs/node#61090 documents it) it is an accessor of
 * V8's, one function shared by every error: read as data only, the stack
 * was "" on Node 22 and 24, so no report listed the callers waiting at an
 * await, and one the debugger did not capture had no frames at all. So
 * V8's own getter is run, and only it: a getter the error's code put there never is.
 */
const v8StackGetter = Object.getOwnPropertyDescriptor(new Error(), "stack")?.get;

/** Node writes the stack out on its first read, with the error's own toString: that may throw. */
function stackOf(error: Error): string {
  try {
    const own = Object.getOwnPropertyDescriptor(error, "stack");
    const stack =
      own?.get !== undefined && own.get === v8StackGetter
        ? own.get.call(error)
        : dataProperty(error, "stack");
    return typeof stack === "string" ? stack : "";
  } catch {
    return "";
  }
}

function cut(text: string, limit: number): string {
  return text.length <= limit ? text : `${text.slice(0, limit)}… (${text.length} characters)`;
}

function summarize(environ: Environ): RequestSummary {
  const query = environ.QUERY_STRING ? `?${environ.QUERY_STRING}` : "";
  const headers = Object.entries(environ).flatMap(([key, value]) => {
    const name = headerName(key);
    if (name === undefined || typeof value !== "string") return [];
    return [[name, MASKED.has(name.toLowerCase()) ? "(masked)" : value] as const];
  });
  return {
    method: environ.REQUEST_METHOD,
    path: `${environ.SCRIPT_NAME}${environ.PATH_INFO}${query}`,
    headers,
  };
}

/** `HTTP_USER_AGENT` is the header `User-Agent`; CGI keeps two headers without the prefix. */
function headerName(key: string): string | undefined {
  if (key === "CONTENT_TYPE" || key === "CONTENT_LENGTH") return titleCase(key);
  return key.startsWith("HTTP_") ? titleCase(key.slice(5)) : undefined;
}

function titleCase(key: string): string {
  return key
    .toLowerCase()
    .split("_")
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
    .join("-");
}
