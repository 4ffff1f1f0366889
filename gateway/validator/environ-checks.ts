/**
 * Checks on what the server passes in: the environ.
 *
 * A server builds one environ per request (PEP 3333, "environ Variables").
 * These checks run before the app sees it, so a server bug is reported as a
 * server bug, not as a strange failure deep inside the app.
 *
 * @example
 * checkEnviron(environ); // throws a ValidationError, or returns with environ typed
 */
import type { Environ, GatewayVariables } from "../types.ts";
import { fail, show, warn } from "./validation-error.ts";

/** The CGI keys the `Environ` type requires (PEP 3333 lets a server omit empty ones; we do not). */
const REQUIRED_CGI_KEYS = [
  "REQUEST_METHOD",
  "SCRIPT_NAME",
  "PATH_INFO",
  "REQUEST_URI",
  "QUERY_STRING",
  "SERVER_NAME",
  "SERVER_PORT",
  "SERVER_PROTOCOL",
] as const;

const NEVER_EMPTY = ["REQUEST_METHOD", "SERVER_NAME", "SERVER_PORT"] as const;

/** The methods of RFC 9110 and PATCH (RFC 5789). */
const KNOWN_METHODS = new Set([
  "GET",
  "HEAD",
  "POST",
  "PUT",
  "DELETE",
  "CONNECT",
  "OPTIONS",
  "TRACE",
  "PATCH",
]);

/** Each `gateway.*` key, what it must hold (in words), and the test for it. */
const GATEWAY_KEYS: Record<
  keyof GatewayVariables,
  [expected: string, test: (value: unknown) => boolean]
> = {
  "gateway.version": [
    "[1, 0]",
    (value) => Array.isArray(value) && value.length === 2 && value[0] === 1 && value[1] === 0,
  ],
  "gateway.url_scheme": ['"http" or "https"', (value) => value === "http" || value === "https"],
  "gateway.input": ["an async iterable", (value) => hasMethod(value, Symbol.asyncIterator)],
  "gateway.errors": [
    "an object with write() and flush()",
    (value) => hasMethod(value, "write") && hasMethod(value, "flush"),
  ],
  "gateway.multithread": ["a boolean", (value) => typeof value === "boolean"],
  "gateway.multiprocess": ["a boolean", (value) => typeof value === "boolean"],
  "gateway.run_once": ["a boolean", (value) => typeof value === "boolean"],
  "gateway.signal": ["an AbortSignal", (value) => value instanceof AbortSignal],
};

/** Runs every environ check: first its shape and types, then its values. */
export function checkEnviron(environ: unknown): asserts environ is Environ {
  checkShape(environ);
  checkNeverEmpty(environ);
  checkNoHttpContentHeaders(environ);
  checkScriptNameSlash(environ.SCRIPT_NAME);
  checkScriptNameNotRoot(environ.SCRIPT_NAME);
  checkPathInfoSlash(environ.PATH_INFO);
  checkRequestContentLength(environ.CONTENT_LENGTH);
  warnUnknownMethod(environ);
}

/** The checks after which the environ can be trusted to be an `Environ`. */
function checkShape(environ: unknown): asserts environ is Environ {
  checkPlainObject(environ);
  checkRequiredKeys(environ);
  checkCgiValuesAreStrings(environ);
  checkGatewayKeyTypes(environ);
}

/** Rule `environ-object`: a plain object, not a Map or a class instance (PEP 3333 asks for a builtin dict). */
function checkPlainObject(environ: unknown): asserts environ is Record<string, unknown> {
  const prototype =
    typeof environ === "object" && environ !== null ? Object.getPrototypeOf(environ) : undefined;
  if (prototype !== Object.prototype && prototype !== null) fail("environ-object", show(environ));
}

/** Rule `environ-key-missing`. A key holding `undefined` counts as missing. */
function checkRequiredKeys(environ: Record<string, unknown>): void {
  for (const key of [...REQUIRED_CGI_KEYS, ...Object.keys(GATEWAY_KEYS)]) {
    if (environ[key] === undefined) fail("environ-key-missing", `no ${key}`);
  }
}

/** Rule `cgi-value-string`: keys without a "." are CGI variables, and hold strings. */
function checkCgiValuesAreStrings(environ: Record<string, unknown>): void {
  for (const key of Object.keys(environ)) {
    if (key.includes(".")) continue;
    const value = environ[key];
    if (value !== undefined && typeof value !== "string") {
      fail("cgi-value-string", `${key} = ${show(value)}`);
    }
  }
}

/** Rule `gateway-key-type`. */
function checkGatewayKeyTypes(environ: Record<string, unknown>): void {
  for (const [key, [expected, test]] of Object.entries(GATEWAY_KEYS)) {
    if (!test(environ[key]))
      fail("gateway-key-type", `${key} = ${show(environ[key])}, not ${expected}`);
  }
}

/** Rule `environ-key-empty`. */
function checkNeverEmpty(environ: Environ): void {
  for (const key of NEVER_EMPTY) {
    if (environ[key] === "") fail("environ-key-empty", `${key} = ""`);
  }
}

/** Rule `no-http-content-headers`: CGI names these two headers without the HTTP_ prefix. */
function checkNoHttpContentHeaders(environ: Environ): void {
  for (const key of ["HTTP_CONTENT_TYPE", "HTTP_CONTENT_LENGTH"] as const) {
    if (environ[key] !== undefined)
      fail("no-http-content-headers", `${key} = ${show(environ[key])}`);
  }
}

/** Rule `script-name-slash`. */
function checkScriptNameSlash(scriptName: string): void {
  if (scriptName !== "" && !scriptName.startsWith("/"))
    fail("script-name-slash", `SCRIPT_NAME = ${show(scriptName)}`);
}

/** Rule `script-name-root`: the root is SCRIPT_NAME "" with PATH_INFO "/", so a URL is split one way only. */
function checkScriptNameNotRoot(scriptName: string): void {
  if (scriptName === "/") fail("script-name-root", 'SCRIPT_NAME = "/"');
}

/** Rule `path-info-slash`. */
function checkPathInfoSlash(pathInfo: string): void {
  if (pathInfo !== "" && !pathInfo.startsWith("/"))
    fail("path-info-slash", `PATH_INFO = ${show(pathInfo)}`);
}

/** Rule `content-length-request`. Empty counts as absent, as in validate.py: nginx sends it empty on a GET. */
function checkRequestContentLength(contentLength: string | undefined): void {
  if (contentLength === undefined || contentLength === "") return;
  if (!/^\d+$/.test(contentLength))
    fail("content-length-request", `CONTENT_LENGTH = ${show(contentLength)}`);
}

/** Rule `unknown-method`, a warning: servers may pass on any method, but a typo deserves a word. */
function warnUnknownMethod(environ: Environ): void {
  const method = environ.REQUEST_METHOD;
  if (!KNOWN_METHODS.has(method))
    warn(environ["gateway.errors"], "unknown-method", `REQUEST_METHOD = ${show(method)}`);
}

function hasMethod(value: unknown, name: PropertyKey): boolean {
  return (
    typeof value === "object" && value !== null && typeof Reflect.get(value, name) === "function"
  );
}
