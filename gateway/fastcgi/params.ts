/**
 * A FastCGI request's parameters, as the meta-variables of its environ.
 *
 * A responder gets the same variables a CGI program finds in its
 * environment (FastCGI 1.0, section 6.2), but as name-value pairs of
 * bytes. A CGI program's environment is text already; here the server
 * decides how the bytes become text, by the rule every server follows
 * (environ.ts):
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
 * The pairs go straight into the environ, through the steps `cgiEnviron`
 * takes for a CGI program's environment (cgi-environ.ts): one pass over the bytes,
 * with no list of pairs or object of parameters in between. Those were
 * most of what this server spent on a request beyond what a naive
 * responder does (bench/README.md).
 *
 * @example
 * const environ = paramsEnviron(paramsBytes);
 * environ.PATH_INFO; // "/café"
 * finishEnviron(environ, body, errors, LONG_RUNNING, request);
 */
import {
  isRequestVariable,
  type MetaVariables,
  setRequestVariable,
  startEnviron,
} from "../cgi-environ.ts";
import { BadRequest } from "../environ.ts";
import { joinRepeated } from "../request-headers.ts";
import { PairReader } from "./name-value.ts";

/** The variables that hold a decoded path: UTF-8, like `PATH_INFO` from the `node:http` server. */
const PATH_VARIABLES = new Set(["SCRIPT_NAME", "PATH_INFO", "PATH_TRANSLATED"]);

const utf8 = new TextDecoder("utf-8", { fatal: true });

/**
 * The meta-variables in the PARAMS bytes, in an environ begun by
 * `startEnviron`, for `finishEnviron` to complete. A meta-variable sent
 * twice keeps its last value, as when an environment variable is set
 * again (nginx sends `SCRIPT_NAME` twice when a config sets it over
 * Debian's `fastcgi_params`); a header sent twice follows `joinRepeated`.
 * Throws `BadRequest` when a path is not valid UTF-8, or for a second line
 * of a header that holds one value; a `ProtocolError` when the bytes are
 * not name-value pairs.
 * @example paramsEnviron(encodePairs([["PATH_INFO", "/a"]])).PATH_INFO; // "/a"
 */
export function paramsEnviron(bytes: Uint8Array): MetaVariables {
  const environ = startEnviron();
  const reader = new PairReader(bytes);
  /** Headers sent that the environ does not keep (empty ones, Content-Type, ...): a second line still counts. */
  let unkept: Record<string, string> | undefined;
  for (let index = 0; !reader.done; index++) {
    const nameLength = reader.length();
    const valueLength = reader.length();
    const name = reader.name(nameLength, index);
    if (name.startsWith("HTTP_")) {
      const line = reader.text(valueLength);
      const earlier = (environ[name] as string | undefined) ?? unkept?.[name];
      const value = earlier === undefined ? line : joinRepeated(name, earlier, line);
      if (value !== "" && isRequestVariable(name)) environ[name] = value;
      else {
        unkept ??= {};
        unkept[name] = value;
      }
    } else if (!isRequestVariable(name)) {
      reader.skip(valueLength);
    } else {
      const value = reader.text(valueLength);
      const text = PATH_VARIABLES.has(name) ? decodePath(name, value) : value;
      setRequestVariable(environ, name, text);
    }
  }
  return environ;
}

/** A path's bytes, read as latin-1 by the pair reader, decoded again as UTF-8. */
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
