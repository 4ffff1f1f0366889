/**
 * A FastCGI request's parameters, as the meta-variables `cgiEnviron` reads.
 *
 * A responder gets the same variables a CGI program finds in its
 * environment (FastCGI 1.0, section 6.2), but as name-value pairs of
 * bytes. A CGI program's environment is text already; here the server
 * decides how the bytes become text, following DESIGN.md's string rules:
 * the paths (`SCRIPT_NAME`, `PATH_INFO`, `PATH_TRANSLATED`) are UTF-8, and
 * a path that is not gets a 400; every other value is latin-1, as Node
 * gives header values, so no byte is lost or changed.
 *
 * A web server passes each request header line as a parameter of its own
 * (nginx does), so a header the client sent twice comes as the same
 * `HTTP_*` name twice. Those follow the rule of every server here
 * (request-headers.ts): a list is joined, a header that holds one value
 * gets a 400. The meta-variables are the web server's own, not the
 * client's: sent twice, the last one wins.
 *
 * @example
 * const env = paramsEnvironment(decodePairs(paramsBytes));
 * env.PATH_INFO; // "/café"
 */
import { BadRequest } from "../environ.ts";
import { joinRepeated } from "../request-headers.ts";
import type { RawPair } from "./name-value.ts";

/** The variables that hold a decoded path: UTF-8, like `PATH_INFO` from the `node:http` server. */
const PATH_VARIABLES = new Set(["SCRIPT_NAME", "PATH_INFO", "PATH_TRANSLATED"]);

const utf8 = new TextDecoder("utf-8", { fatal: true });

/**
 * The parameters as text, by name. A meta-variable sent twice keeps its
 * last value, as when an environment variable is set again (nginx sends
 * `SCRIPT_NAME` twice when a config sets it over Debian's
 * `fastcgi_params`); a header sent twice follows `joinRepeated`.
 * Throws `BadRequest` when a path is not valid UTF-8, or for a second
 * line of a header that holds one value.
 * @example paramsEnvironment([["PATH_INFO", "/a"]]); // { PATH_INFO: "/a" }
 */
export function paramsEnvironment(pairs: RawPair[]): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [name, value] of pairs) {
    if (PATH_VARIABLES.has(name)) env[name] = decodePath(name, value);
    else if (name.startsWith("HTTP_") && env[name] !== undefined) {
      env[name] = joinRepeated(name, env[name], value);
    } else env[name] = value;
  }
  return env;
}

/** A path's bytes, read as latin-1 by `decodePairs`, decoded again as UTF-8. */
function decodePath(name: string, latin1: string): string {
  // Most paths are ASCII, which reads the same either way.
  if (!NOT_ASCII.test(latin1)) return latin1;
  try {
    return utf8.decode(Buffer.from(latin1, "latin1"));
  } catch {
    throw new BadRequest(`the ${name} parameter is not valid UTF-8`);
  }
}

/** A character past ASCII, where latin-1 and UTF-8 part ways. */
const NOT_ASCII = /[^\p{ASCII}]/u;
