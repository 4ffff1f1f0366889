/**
 * Building the environ: the parts every server shares.
 *
 * Each server learns about a request in its own way (a `node:http` request
 * object, CGI's process environment, FastCGI's parameters, a test's
 * options) but all of them must produce the same environ, following
 * PEP 3333 ("environ Variables") and DESIGN.md's string rules. The rules
 * live here once, so every server gets them right.
 *
 * @example
 * const environ = {
 *   REQUEST_METHOD: "GET",
 *   ...targetVariables("/hello%20world?x=1"),  // PATH_INFO "/hello world", QUERY_STRING "x=1"
 *   ...
 * };
 */
import cluster from "node:cluster";
import type { Environ, ErrorStream, GatewayVariables, InputStream } from "./types.ts";

/**
 * A request the server refuses before any app sees it: it answers 400 with this message.
 * @example throw new BadRequest("the path is not valid UTF-8");
 */
export class BadRequest extends Error {
  override name = "BadRequest";
}

/**
 * Percent-decodes a path as UTF-8, as CGI does: "%2F" becomes "/", "+" stays "+".
 * Throws `BadRequest` when the bytes are not valid UTF-8, or a "%" is not
 * followed by two hex digits.
 * @example decodePathInfo("/caf%C3%A9/a+b"); // "/café/a+b"
 */
export function decodePathInfo(rawPath: string): string {
  if (!rawPath.includes("%")) return rawPath;
  try {
    return decodeURIComponent(rawPath);
  } catch {
    throw new BadRequest(`the path ${rawPath} is not valid percent-encoded UTF-8`);
  }
}

/**
 * Percent-encodes a decoded path again, segment by segment, so that its
 * "/" stay separators: the way back from `decodePathInfo`.
 * @example encodePath("/café/a b"); // "/caf%C3%A9/a%20b"
 */
export function encodePath(path: string): string {
  return path.split("/").map(encodeURIComponent).join("/");
}

/** The variables that come from the request target (the path and query of the request line). */
export type TargetVariables = Pick<
  Environ,
  "SCRIPT_NAME" | "PATH_INFO" | "QUERY_STRING" | "REQUEST_URI"
>;

/**
 * Splits a raw request target into `PATH_INFO` (decoded) and `QUERY_STRING`
 * (raw), and keeps the whole of it, undecoded, in `REQUEST_URI`. The app is
 * mounted at the root, so `SCRIPT_NAME` is "".
 * @example targetVariables("/a%20b?x=1").PATH_INFO; // "/a b"
 */
export function targetVariables(rawTarget: string): TargetVariables {
  const target = originForm(rawTarget);
  const queryAt = target.indexOf("?");
  const rawPath = queryAt === -1 ? target : target.slice(0, queryAt);
  return {
    SCRIPT_NAME: "",
    PATH_INFO: decodePathInfo(rawPath),
    QUERY_STRING: queryAt === -1 ? "" : target.slice(queryAt + 1),
    REQUEST_URI: target,
  };
}

/** The scheme and host that start a request target in absolute form ("http://host"). */
const ABSOLUTE_FORM = /^[a-z][a-z\d+.-]*:\/\/([^/?]*)/i;

/**
 * A request sent to a proxy names the whole URL ("http://host/path?q"), and
 * a server must accept that form too (RFC 9112, section 3.2.2): the app
 * sees only its path and query, as for any other request.
 */
function originForm(target: string): string {
  const schemeAndHost = absoluteForm(target);
  if (schemeAndHost === null) return target;
  const rest = target.slice(schemeAndHost[0].length);
  return rest.startsWith("/") ? rest : `/${rest}`;
}

/**
 * The host named by a target in absolute form, if it is one. It replaces
 * the `Host` header, which the server must then ignore (RFC 9112, section 3.2.2).
 * @example targetHost("http://example.org/x"); // "example.org"
 */
export function targetHost(target: string): string | undefined {
  return absoluteForm(target)?.[1];
}

/**
 * The scheme and host of a target in absolute form, or null. The usual
 * target starts with "/" and needs no regex: this runs for every request.
 */
function absoluteForm(target: string): RegExpExecArray | null {
  return target.startsWith("/") ? null : ABSOLUTE_FORM.exec(target);
}

/**
 * The environ key for a request header: `CONTENT_TYPE` and `CONTENT_LENGTH`
 * as CGI names them, every other header as `HTTP_` + its name upper-cased
 * with "-" as "_". Names that hold "_" get `undefined`: "X_User" and
 * "X-User" would land on the same key, and a client could forge one with
 * the other (Apache and nginx drop them too).
 * @example headerKey("User-Agent"); // "HTTP_USER_AGENT"
 */
export function headerKey(name: string): string | undefined {
  const known = KNOWN_KEYS.get(name);
  if (known !== undefined || KNOWN_KEYS.has(name)) return known;
  const key = keyFor(name);
  // Bounded: a client inventing new header names must not grow it without end.
  if (KNOWN_KEYS.size < 500) KNOWN_KEYS.set(name, key);
  return key;
}

/**
 * The keys of header names seen before. Clients send the same few names
 * with every request, and looking one up is several times cheaper than
 * building its key again: on a small app this is a measurable part of a
 * request's cost (bench/README.md).
 */
const KNOWN_KEYS = new Map<string, string | undefined>();

function keyFor(name: string): string | undefined {
  if (name.includes("_")) return undefined;
  const upper = name.toUpperCase().replaceAll("-", "_");
  if (upper === "CONTENT_TYPE" || upper === "CONTENT_LENGTH") return upper;
  return `HTTP_${upper}`;
}

/**
 * Adds one request header to the environ. A repeated header is joined to the
 * earlier value as HTTP says (RFC 9110, section 5.3): with ", ", except
 * `Cookie`, whose pairs are joined with "; " (RFC 6265, section 5.4).
 * @example addHeader(environ, "Accept", "text/html"); // environ.HTTP_ACCEPT === "text/html"
 */
export function addHeader(environ: Record<string, unknown>, name: string, value: string): void {
  const key = headerKey(name);
  if (key === undefined) return;
  const earlier = environ[key];
  if (earlier === undefined) environ[key] = value;
  else environ[key] = `${earlier}${key === "HTTP_COOKIE" ? "; " : ", "}${value}`;
}

/** How a server runs apps, for the `gateway.multithread`, `multiprocess` and `run_once` keys. */
export interface ServerTraits {
  multithread: boolean;
  multiprocess: boolean;
  runOnce: boolean;
}

/**
 * The traits of a long-running server in one Node process: one thread,
 * many requests, and one process, unless this one is a worker of
 * `node:cluster` (`--workers`): then other processes run the same app at
 * the same time. The `node:http` server, FastCGI, the bridges and the test
 * client all run apps this way; only CGI differs.
 * @example gatewayVariables(input, errors, "http", LONG_RUNNING);
 */
export const LONG_RUNNING: ServerTraits = {
  multithread: false,
  multiprocess: cluster.isWorker,
  runOnce: false,
};

/**
 * The `gateway.*` keys, for one request.
 * @example
 * Object.assign(environ, gatewayVariables(input, errors, "http", LONG_RUNNING));
 */
export function gatewayVariables(
  input: InputStream,
  errors: ErrorStream,
  scheme: "http" | "https",
  traits: ServerTraits,
): GatewayVariables {
  return {
    "gateway.version": [1, 0],
    "gateway.url_scheme": scheme,
    "gateway.input": input,
    "gateway.errors": errors,
    "gateway.multithread": traits.multithread,
    "gateway.multiprocess": traits.multiprocess,
    "gateway.run_once": traits.runOnce,
  };
}

/**
 * `gateway.errors` over a Node stream, such as `process.stderr`.
 * @example const errors = errorStream(process.stderr);
 */
export function errorStream(stream: NodeJS.WritableStream): ErrorStream {
  return {
    write: (text) => void stream.write(text),
    flush: () => {},
  };
}

/**
 * `gateway.input` for a body that is already in memory (the test client,
 * a request that has no body): yields it once, as one chunk.
 * @example const input = bytesInput(encode("name=Ada"));
 */
export function bytesInput(bytes: Uint8Array): InputStream {
  return onceOnly(async function* () {
    if (bytes.byteLength > 0) yield bytes;
  });
}

/**
 * Makes an input iterable once only: a second `for await` over
 * `gateway.input` is a bug in the app (the bytes are gone), so it throws
 * and says what to do instead.
 * @example const input = onceOnly(() => request.iterator());
 */
export function onceOnly(open: () => AsyncIterator<Uint8Array>): InputStream {
  return new OpenedBy(open);
}

/**
 * The once-only rule, for an input to extend with how it opens. A server
 * that builds one for every request extends it rather than calling
 * `onceOnly`: a class keeps what it needs in fields, where a closure would
 * cost one more object per request.
 * @example class RequestBody extends OnceOnlyInput { open() { return req.iterator(); } }
 */
export abstract class OnceOnlyInput implements InputStream {
  #opened = false;

  /** Starts reading: called once, by the first `for await`. */
  protected abstract open(): AsyncIterator<Uint8Array>;

  [Symbol.asyncIterator](): AsyncIterator<Uint8Array> {
    if (this.#opened) {
      throw new Error(
        "gateway.input can be read only once: keep the bytes the first time, " +
          "e.g. with collect() from gateway/bytes.ts",
      );
    }
    this.#opened = true;
    return this.open();
  }
}

class OpenedBy extends OnceOnlyInput {
  constructor(readonly opener: () => AsyncIterator<Uint8Array>) {
    super();
  }

  protected open(): AsyncIterator<Uint8Array> {
    return this.opener();
  }
}
