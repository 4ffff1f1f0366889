/**
 * The meta-variables: the request, as a CGI program's environment.
 *
 * A CGI host tells its program about the request in environment variables
 * (RFC 3875, section 4.1): the method, the path split around the program,
 * the query, the body's type and length, who asked, which server answers,
 * and one `HTTP_*` variable per request header. The program's environment
 * holds nothing else of the host's except what it needs to run (`PATH`,
 * so `node` and other tools are found), so the host's secrets stay out.
 * `AUTH_TYPE` and `REMOTE_USER` are left out too: this host checks no
 * credentials, so it has no user to report.
 *
 * @example
 * spawn(command, args, { env: metaVariables(environ, program, folder, process.env) });
 * // { GATEWAY_INTERFACE: "CGI/1.1", REQUEST_METHOD: "GET", SCRIPT_NAME: "/hello.ts", ... }
 */
import { join } from "node:path";
import type { Program } from "./cgi-program.ts";
import type { Environ } from "./types.ts";

/**
 * Request headers a program does not get: credentials stay with the server
 * (RFC 3875, section 4.1.18), and a `Proxy:` header would become HTTP_PROXY,
 * which many HTTP clients take as the proxy to use (the "httpoxy" hole).
 */
const WITHHELD = new Set(["HTTP_AUTHORIZATION", "HTTP_PROXY_AUTHORIZATION", "HTTP_PROXY"]);

/** What a program needs of the host's environment: its tools, and on Windows, the system. */
const PASSED_ON = ["PATH", "SYSTEMROOT", "TEMP", "TMP", "TMPDIR"];

const SOFTWARE = "gateway-cgi-host/1.0";

/**
 * The environment for `program`, answering the request in `environ`.
 * `folder` stands in for the document root in `PATH_TRANSLATED`.
 * @example metaVariables(environ, program, "/srv/cgi-bin", process.env).SCRIPT_NAME; // "/hello.ts"
 */
export function metaVariables(
  environ: Environ,
  program: Program,
  folder: string,
  hostEnv: NodeJS.ProcessEnv,
): Record<string, string> {
  const env: Record<string, string | undefined> = {};
  for (const name of PASSED_ON) env[name] = hostEnv[name];
  for (const [key, value] of Object.entries(environ)) {
    if (key.startsWith("HTTP_") && !WITHHELD.has(key)) env[key] = value as string | undefined;
  }
  Object.assign(env, {
    GATEWAY_INTERFACE: "CGI/1.1",
    SERVER_SOFTWARE: SOFTWARE,
    SERVER_NAME: environ.SERVER_NAME,
    SERVER_PORT: environ.SERVER_PORT,
    SERVER_PROTOCOL: environ.SERVER_PROTOCOL,
    REQUEST_METHOD: environ.REQUEST_METHOD,
    // The host may itself be mounted under a prefix: the program's name follows it.
    SCRIPT_NAME: `${environ.SCRIPT_NAME}${program.scriptName}`,
    PATH_INFO: program.pathInfo,
    // Where PATH_INFO would be, as a file; absent when PATH_INFO is (RFC 3875, section 4.1.6).
    PATH_TRANSLATED: program.pathInfo === "" ? undefined : join(folder, program.pathInfo),
    QUERY_STRING: environ.QUERY_STRING,
    REQUEST_URI: environ.REQUEST_URI,
    CONTENT_TYPE: environ.CONTENT_TYPE,
    CONTENT_LENGTH: environ.CONTENT_LENGTH,
    REMOTE_ADDR: environ.REMOTE_ADDR,
    // No name lookup for each request: RFC 3875 (section 4.1.9) allows the address instead.
    REMOTE_HOST: environ.REMOTE_ADDR,
    HTTPS: environ["gateway.url_scheme"] === "https" ? "on" : undefined,
  });
  return definedOnly(env);
}

/** An unset variable is left out ("undefined" as a value would be a lie); an empty one stays. */
function definedOnly(env: Record<string, string | undefined>): Record<string, string> {
  const defined: Record<string, string> = {};
  for (const [name, value] of Object.entries(env)) {
    if (value !== undefined) defined[name] = value;
  }
  return defined;
}
