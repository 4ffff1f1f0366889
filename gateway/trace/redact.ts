/**
 * What a trace may show: nothing secret, so it can go on a projector or into an issue.
 *
 * - The values of `Cookie`, `Set-Cookie`, `Authorization`,
 *   `Proxy-Authorization` and `X-Debugger-Secret` are replaced by
 *   "[redacted]", in the environ (`HTTP_COOKIE`, ...) and in headers.
 * - Environ values that are not strings (a session, a parsed form, the
 *   input stream) are described by their kind, never shown: middleware
 *   keeps secrets in them.
 * - Body bytes are shown only as a short preview, and not at all for a
 *   form post or a response that sets a cookie (trace.ts decides that, with
 *   `hidesBodies`): a password or a session's page stays out of the trace.
 *
 * @example
 * viewHeaders([["Set-Cookie", "sid=abc"]]); // [["Set-Cookie", "[redacted]"]]
 * viewEnviron({ HTTP_COOKIE: "sid=abc", PATH_INFO: "/" }); // { HTTP_COOKIE: "[redacted]", PATH_INFO: "/" }
 */
import { findHeader } from "../response-checks.ts";
import type { Chunk, Environ, Headers } from "../types.ts";
import type { EnvironView, ErrorView } from "./events.ts";

/**
 * Header names whose values never appear in a trace (lower case).
 * @example SECRET_HEADERS.has("authorization"); // true
 */
export const SECRET_HEADERS: ReadonlySet<string> = new Set([
  "cookie",
  "set-cookie",
  "authorization",
  "proxy-authorization",
  "x-debugger-secret",
]);

/** The environ keys of those headers. */
const SECRET_KEYS = new Set(
  [...SECRET_HEADERS].map((name) => `HTTP_${name.toUpperCase().replaceAll("-", "_")}`),
);

const REDACTED = "[redacted]";
/** How many bytes of a chunk a preview shows. */
const PREVIEW_BYTES = 40;
/** How many characters of an environ string are kept. */
const VALUE_CHARACTERS = 300;

/**
 * The environ as a trace shows it: secret headers redacted, strings cut to
 * a readable length, other values described.
 * @example viewEnviron(environ)["gateway.input"]; // "(RequestBody)"
 */
export function viewEnviron(environ: Environ): EnvironView {
  const view: EnvironView = {};
  for (const [key, value] of Object.entries(environ)) {
    view[key] = SECRET_KEYS.has(key) ? REDACTED : describe(value);
  }
  return view;
}

/**
 * Headers as a trace shows them.
 * @example viewHeaders([["Authorization", "Basic x"]]); // [["Authorization", "[redacted]"]]
 */
export function viewHeaders(headers: unknown): Array<[string, string]> {
  if (!Array.isArray(headers)) return [];
  return headers.map((pair): [string, string] => {
    const [name, value] = Array.isArray(pair) ? pair : [pair, ""];
    const text = String(name);
    return [text, SECRET_HEADERS.has(text.toLowerCase()) ? REDACTED : describe(value)];
  });
}

/**
 * True when the response sets a cookie: its body is then nobody else's business.
 * @example setsCookie([["Set-Cookie", "sid=1"]]); // true
 */
export function setsCookie(headers: unknown): boolean {
  return Array.isArray(headers) && findHeader(headers as Headers, "Set-Cookie") !== undefined;
}

/**
 * True for a form post: its body may hold a password.
 * @example isFormPost({ CONTENT_TYPE: "application/x-www-form-urlencoded", ... }); // true
 */
export function isFormPost(environ: Environ): boolean {
  const type = (environ.CONTENT_TYPE ?? "").toLowerCase();
  return type.startsWith("application/x-www-form-urlencoded") || type.startsWith("multipart/");
}

/**
 * The first bytes of a chunk as text, with control characters escaped.
 * @example preview(encode("Hello\n")); // "Hello\\n"
 */
export function preview(chunk: Chunk): string {
  const head = new TextDecoder().decode(chunk.subarray(0, PREVIEW_BYTES));
  const text = head.replace(/\p{Cc}/gu, (char) =>
    char === "\n" ? "\\n" : `\\u${char.charCodeAt(0).toString(16).padStart(4, "0")}`,
  );
  return chunk.byteLength > PREVIEW_BYTES ? `${text}…` : text;
}

/**
 * The size of what was handed over as a chunk: its bytes, or -1 when it was not bytes at all.
 * @example sizeOf(encode("hi")); // 2
 */
export function sizeOf(chunk: unknown): number {
  return chunk instanceof Uint8Array ? chunk.byteLength : -1;
}

/**
 * An error as a trace shows it: its class and the first line of its message.
 * @example viewError(new TypeError("bad\nmore"), 1); // { id: 1, name: "TypeError", message: "bad" }
 */
export function viewError(error: unknown, id: number): ErrorView {
  if (error instanceof Error) {
    return { id, name: error.name, message: cut(error.message.split("\n")[0] ?? "", 200) };
  }
  return { id, name: typeof error, message: cut(describe(error), 200) };
}

/** A value as one line: strings as they are, other values by their kind. */
function describe(value: unknown): string {
  if (typeof value === "string") return cut(value, VALUE_CHARACTERS);
  if (value === null || typeof value !== "object") {
    return typeof value === "function" ? "(function)" : String(value);
  }
  if (Array.isArray(value)) {
    const simple = value.length <= 8 && value.every((item) => typeof item !== "object");
    return simple ? `[${value.map(String).join(", ")}]` : `(array of ${value.length})`;
  }
  const kind = value.constructor?.name;
  return `(${kind && kind !== "Object" ? kind : "object"})`;
}

function cut(text: string, length: number): string {
  return text.length > length ? `${text.slice(0, length)}…` : text;
}
