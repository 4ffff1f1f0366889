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
 * @example paramsEnvironment([[Buffer.from("PATH_INFO"), Buffer.from("/a")]]); // { PATH_INFO: "/a" }
 */
export function paramsEnvironment(pairs: RawPair[]): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [nameBytes, valueBytes] of pairs) {
    const name = nameBytes.toString("latin1");
    if (PATH_VARIABLES.has(name)) {
      env[name] = decodePath(name, valueBytes);
      continue;
    }
    const value = valueBytes.toString("latin1");
    const earlier = env[name];
    const repeatedHeader = earlier !== undefined && name.startsWith("HTTP_");
    env[name] = repeatedHeader ? joinRepeated(name, earlier, value) : value;
  }
  return env;
}

function decodePath(name: string, bytes: Buffer): string {
  try {
    return utf8.decode(bytes);
  } catch {
    throw new BadRequest(`the ${name} parameter is not valid UTF-8`);
  }
}
