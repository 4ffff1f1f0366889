/**
 * Building the environ: the parts every server shares.
 *
 * Each server learns about a request in its own way (a `node:http` request
 * object, CGI's process environment, FastCGI's parameters, a test's
 * options) but all of them must produce the same environ, following
 * PEP 3333 ("environ Variables") and one rule for text: a path is
 * percent-decoded as UTF-8, every other value kept as latin-1, byte for
 * character. The rules live here once, so every server gets them right.
 *
 * @example
 * const environ = {
 *   REQUEST_METHOD: "GET",
 *   ...targetVariables("/hello%20world?x=1"),  // PATH_INFO "/hello world", QUERY_STRING "x=1"
 *   ...
 * };
 */
import cluster from "node:cluster";
import { addSignal, type ClientWatch } from "./request-signal.ts";
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
 * mounted at the root, so `SCRIPT_NAME` is "". A fragment ("#top") is
 * dropped: it names a part of the page for the browser, and a client
 * never sends one (RFC 9112, section 3.2). Targets that are not a path
 * (a full URL, or "*") follow `otherForm`; `method` matters only for "*".
 * Throws `BadRequest` for a target no server may accept.
 * @example targetVariables("/a%20b?x=1").PATH_INFO; // "/a b"
 */
export function targetVariables(rawTarget: string, method?: string): TargetVariables {
  if (!rawTarget.startsWith("/")) return otherForm(rawTarget, method);
  const fragmentAt = rawTarget.indexOf("#");
  const target = fragmentAt === -1 ? rawTarget : rawTarget.slice(0, fragmentAt);
  const queryAt = target.indexOf("?");
  const rawPath = queryAt === -1 ? target : target.slice(0, queryAt);
  return {
    SCRIPT_NAME: "",
    PATH_INFO: decodePathInfo(rawPath),
    QUERY_STRING: queryAt === -1 ? "" : target.slice(queryAt + 1),
    REQUEST_URI: target,
  };
}

/** The scheme and authority that start a request target in absolute form ("http://host:8080"). */
const ABSOLUTE_FORM = /^[a-z][a-z\d+.-]*:\/\/([^/?#]*)/i;

/**
 * The targets that are not a path (RFC 9112, section 3.2). A request sent
 * to a proxy names the whole URL ("http://host/path?q"), and a server must
 * accept that form too (section 3.2.2): the app sees only its path and
 * query, as for any other request. "*" names the server as a whole, for
 * `OPTIONS *` only (section 3.2.4): it has no path, so `PATH_INFO` is ""
 * and `REQUEST_URI` keeps the "*".
 */
function otherForm(rawTarget: string, method: string | undefined): TargetVariables {
  if (rawTarget === "*") {
    if (method === "OPTIONS") {
      return { SCRIPT_NAME: "", PATH_INFO: "", QUERY_STRING: "", REQUEST_URI: "*" };
    }
    const not = method === undefined ? "" : `, not ${method}`;
    throw new BadRequest(`the target * (the whole server) is for OPTIONS only${not}`);
  }
  const absolute = ABSOLUTE_FORM.exec(rawTarget);
  if (absolute === null) {
    throw new BadRequest(`the target ${JSON.stringify(rawTarget)} is neither a path nor a URL`);
  }
  checkAuthority(absolute[1] as string);
  const rest = rawTarget.slice(absolute[0].length);
  return targetVariables(rest.startsWith("/") ? rest : `/${rest}`);
}

/**
 * The host and port named by a target in absolute form, if it is one. It
 * replaces the `Host` header, which the server must then ignore (RFC 9112,
 * section 3.2.2). Throws `BadRequest` as `targetVariables` does.
 * @example targetHost("http://example.org:8080/x"); // "example.org:8080"
 */
export function targetHost(target: string): string | undefined {
  // The usual target starts with "/" and needs no regex: this runs for every request.
  if (target.startsWith("/")) return undefined;
  const absolute = ABSOLUTE_FORM.exec(target);
  return absolute === null ? undefined : checkAuthority(absolute[1] as string);
}

/**
 * A host name, an IPv4 address or an IPv6 address in brackets, and maybe a
 * port (RFC 3986, section 3.2.2), as a `Host` header or a URL names them.
 */
const HOST_AND_PORT = /^(?:[\w.~!$&'()*+,;=%-]+|\[[\d:.a-f]+\])(?::\d*)?$/i;

/**
 * True when `text` is a host and maybe a port, with nothing else in it.
 * @example isHostAndPort("example.org:8080"); // true
 * @example isHostAndPort("evil.example/admin?"); // false
 */
export function isHostAndPort(text: string): boolean {
  return HOST_AND_PORT.test(text);
}

/**
 * The authority of a full URL becomes `HTTP_HOST`, so it must be a host:
 * one that is empty or malformed is refused (RFC 9110, section 4.2.1), and
 * so is one with a user name or password before it ("user:pass@host"),
 * which HTTP has no use for (section 4.2.4). The credentials are not
 * repeated in the answer.
 */
function checkAuthority(authority: string): string {
  if (authority.includes("@")) {
    throw new BadRequest("the URL holds a user name or password (user@host), which HTTP refuses");
  }
  if (!isHostAndPort(authority)) {
    throw new BadRequest(
      `the URL's host ${JSON.stringify(authority)} is not a host name or address`,
    );
  }
  return authority;
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
 * @example addGatewayVariables(environ, input, errors, "http", LONG_RUNNING, sink);
 */
export const LONG_RUNNING: ServerTraits = {
  multithread: false,
  multiprocess: cluster.isWorker,
  runOnce: false,
};

/**
 * Adds the `gateway.*` keys for one request to `environ`; `client` tells
 * `gateway.signal`, made when first read (request-signal.ts), when the
 * client left. The keys are written one by one, not spread in from an
 * object: a spread in the middle of an object literal copies through a
 * slow path in V8, and this runs for every request (bench/README.md).
 * @example
 * addGatewayVariables(environ, input, errors, "http", LONG_RUNNING, sink);
 */
export function addGatewayVariables(
  environ: Record<string, unknown>,
  input: InputStream,
  errors: ErrorStream,
  scheme: "http" | "https",
  traits: ServerTraits,
  client: ClientWatch,
): void {
  environ["gateway.version"] = VERSION;
  environ["gateway.url_scheme"] = scheme;
  environ["gateway.input"] = input;
  environ["gateway.errors"] = errors;
  environ["gateway.multithread"] = traits.multithread;
  environ["gateway.multiprocess"] = traits.multiprocess;
  environ["gateway.run_once"] = traits.runOnce;
  addSignal(environ, client);
}

/** `gateway.version`: [1, 0], as `wsgi.version` is (1, 0) (PEP 3333, "environ Variables"). */
const VERSION: GatewayVariables["gateway.version"] = Object.freeze([1, 0] as const);

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
