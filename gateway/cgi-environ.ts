/**
 * The meta-variables of a request become its environ: the step every
 * server that speaks CGI's language shares.
 *
 * A CGI program finds the request in its environment variables (RFC 3875,
 * section 4.1); a FastCGI server gets the very same variables as
 * name-value pairs (FastCGI 1.0, section 6.2). Either way, PEP 3333's
 * environ is those variables that describe the request, with defaults
 * where a server sent none, then the `gateway.*` keys. `cgiEnviron` builds
 * it from an object of variables (cgi.ts, for a CGI program); a server that
 * receives them one by one takes the same steps itself: fastcgi/params.ts
 * calls `startEnviron`, then `isRequestVariable` and `setRequestVariable`
 * for each meta-variable (a header sent twice is joined as
 * request-headers.ts joins it), and fastcgi/request.ts `finishEnviron`.
 *
 * @example
 * const environ = cgiEnviron(process.env, body, errorStream(process.stderr), traits, sink);
 * environ.PATH_INFO; // "/hello"
 */
import { addGatewayVariables, BadRequest, encodePath, type ServerTraits } from "./environ.ts";
import type { ClientWatch } from "./request-signal.ts";
import type { Environ, ErrorStream, InputStream } from "./types.ts";

/** The meta-variables of RFC 3875 (section 4.1) and two that Apache adds, besides the HTTP_* ones. */
const META_VARIABLES = new Set([
  "AUTH_TYPE",
  "CONTENT_LENGTH",
  "CONTENT_TYPE",
  "GATEWAY_INTERFACE",
  "PATH_INFO",
  "PATH_TRANSLATED",
  "QUERY_STRING",
  "REMOTE_ADDR",
  "REMOTE_HOST",
  "REMOTE_IDENT",
  "REMOTE_USER",
  "REQUEST_METHOD",
  "SCRIPT_NAME",
  "SERVER_NAME",
  "SERVER_PORT",
  "SERVER_PROTOCOL",
  "SERVER_SOFTWARE",
  "HTTPS",
  "REQUEST_URI",
]);

/**
 * The environ for the request in `env` (PEP 3333, "environ Variables").
 * `body` makes `gateway.input` from the CONTENT_LENGTH (0 when there is
 * none): a CGI program reads exactly that many bytes of stdin, a FastCGI
 * server its STDIN stream to the end. `traits` say how the server runs
 * apps: a CGI program once per process, a FastCGI server many requests in
 * one long-running process. `client` tells `gateway.signal` when the
 * client left. A server that receives the meta-variables one by one
 * (FastCGI's name-value pairs) builds the same environ with the same steps
 * (`startEnviron`, `isRequestVariable` and `setRequestVariable` for each
 * meta-variable, then `finishEnviron`), with no `env` object in between.
 * @example
 * const traits = { multithread: false, multiprocess: true, runOnce: true };
 * const body = () => bytesInput(new Uint8Array(0)); // a request with no body
 * const environ = cgiEnviron(process.env, body, errorStream(process.stderr), traits, sink);
 */
export function cgiEnviron(
  env: NodeJS.ProcessEnv,
  body: (contentLength: number) => InputStream,
  errors: ErrorStream,
  traits: ServerTraits,
  client: ClientWatch,
): Environ {
  const environ = startEnviron();
  for (const name in env) {
    if (isRequestVariable(name)) setRequestVariable(environ, name, env[name]);
  }
  return finishEnviron(environ, body, errors, traits, client);
}

/** An environ whose meta-variables are still coming in, by name. */
export type MetaVariables = Record<string, unknown>;

/**
 * The start of an environ: the CGI variables every request has, holding
 * what a program started by hand, outside a web server, gets. Written out
 * as one literal, as nodeEnviron does, and first, so every environ has
 * them in the same order: it stays a fast object (bench/README.md).
 * @example const environ = startEnviron(); // environ.REQUEST_METHOD === "GET"
 */
export function startEnviron(): MetaVariables {
  return {
    REQUEST_METHOD: "GET",
    SCRIPT_NAME: "",
    PATH_INFO: "",
    QUERY_STRING: "",
    // Made from the three before it by `finishEnviron` when the server passes none.
    REQUEST_URI: "",
    SERVER_NAME: "localhost",
    SERVER_PORT: "80",
    SERVER_PROTOCOL: "HTTP/1.0",
  };
}

/** What `startEnviron` puts in, which an empty meta-variable puts back. */
const DEFAULTS: Readonly<MetaVariables> = Object.freeze(startEnviron());

/**
 * Sets one variable of the request (see `isRequestVariable`, which the
 * caller asked already). An empty one counts as unset (RFC 3875,
 * section 4.1): it gets its default value back, or goes.
 * @example if (isRequestVariable(name)) setRequestVariable(environ, name, value);
 */
export function setRequestVariable(
  environ: MetaVariables,
  name: string,
  value: string | undefined,
): void {
  if (value) environ[name] = value;
  else if (name in DEFAULTS) environ[name] = DEFAULTS[name];
  // Only a variable set twice, the second time empty: rare enough for a `delete`.
  else if (name in environ) delete environ[name];
}

/**
 * Completes the environ once all its meta-variables are in: `REQUEST_URI`
 * if the server passed none, `gateway.input` from the CONTENT_LENGTH, and
 * the `gateway.*` keys (see `cgiEnviron` for the arguments). Throws
 * `BadRequest` for a CONTENT_LENGTH that is not a number.
 * @example const environ = finishEnviron(startEnviron(), body, errors, LONG_RUNNING, request);
 */
export function finishEnviron(
  environ: MetaVariables,
  body: (contentLength: number) => InputStream,
  errors: ErrorStream,
  traits: ServerTraits,
  client: ClientWatch,
): Environ {
  if (environ.REQUEST_URI === "") environ.REQUEST_URI = requestURI(environ);
  const input = body(contentLength(environ.CONTENT_LENGTH as string | undefined));
  const scheme = isOn(environ.HTTPS as string | undefined) ? "https" : "http";
  addGatewayVariables(environ, input, errors, scheme, traits, client);
  return environ as unknown as Environ;
}

/**
 * The process's own variables (PATH, HOME, ...) describe the machine, not
 * the request. Some servers (nginx among them) also pass the Content-Type
 * and Content-Length headers as `HTTP_CONTENT_TYPE` and `HTTP_CONTENT_LENGTH`:
 * PEP 3333 allows them only under their CGI names, which they have already.
 * A name with a "." would read as a middleware's namespaced key.
 * @example isRequestVariable("DOCUMENT_ROOT"); // false
 */
export function isRequestVariable(name: string): boolean {
  if (!name.startsWith("HTTP_")) return META_VARIABLES.has(name);
  return name !== "HTTP_CONTENT_TYPE" && name !== "HTTP_CONTENT_LENGTH" && !name.includes(".");
}

/**
 * Rebuilds the raw request target when the server did not pass `REQUEST_URI`:
 * CGI hands over the path decoded, so it is percent-encoded again.
 */
function requestURI({ SCRIPT_NAME, PATH_INFO, QUERY_STRING }: MetaVariables): string {
  const path = encodePath(`${SCRIPT_NAME}${PATH_INFO}`) || "/";
  return QUERY_STRING ? `${path}?${QUERY_STRING}` : path;
}

/** `HTTPS` as Apache and nginx set it: "on" (or "1", "yes") for a request that came over TLS. */
function isOn(https: string | undefined): boolean {
  return https !== undefined && /^(on|1|yes)$/i.test(https);
}

function contentLength(value: string | undefined): number {
  if (value === undefined || value === "") return 0;
  if (!/^\d+$/.test(value))
    throw new BadRequest(`CONTENT_LENGTH "${value}" is not a number of bytes`);
  return Number(value);
}
