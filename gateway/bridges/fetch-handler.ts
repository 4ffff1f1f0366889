/**
 * The Fetch handler bridge: a gateway app as a `(request) => Response` function.
 *
 * Deno (`Deno.serve`), Bun (`Bun.serve`), Cloudflare Workers and many
 * frameworks serve a function that takes a Fetch `Request` and returns a
 * `Response`. `fetchHandler(app)` is that function for a gateway app: it
 * builds the environ from the `Request` (PEP 3333, "environ Variables"),
 * runs the app through the shared request cycle, and answers with a
 * `Response`: its body as bytes when the app gave it whole (a list of one
 * chunk), else a stream with back-pressure. The request's body is opened
 * only if the app reads `gateway.input`, and its signal made only if the
 * app reads `gateway.signal`: a runtime may build either on demand
 * (@hono/node-server does), and most requests need neither.
 *
 * A `Request` is an URL, a method, headers and a body: it does not say
 * which HTTP version carried it, so `SERVER_PROTOCOL` is "HTTP/1.1", nor
 * who sent it. A runtime that knows passes it beside the `Request` (Deno's
 * `info.remoteAddr`, Bun's `server.requestIP()`), and that becomes
 * `REMOTE_ADDR`. Lesson 12 has the table of what differs from the other
 * servers, and why.
 *
 * @example
 * Deno.serve(fetchHandler(app));
 * export default { fetch: fetchHandler(app, { scriptName: "/legacy" }) }; // a Worker, under /legacy
 */
import {
  addGatewayVariables,
  BadRequest,
  LONG_RUNNING,
  OnceOnlyInput,
  type TargetVariables,
  targetVariables,
} from "../environ.ts";
import { isMountPoint, pathUnder } from "../mount-paths.ts";
import { addHeader } from "../request-headers.ts";
import type { ClientWatch } from "../request-signal.ts";
import { runCycle } from "../response-cycle.ts";
import type { App, Environ, ErrorStream } from "../types.ts";
import { ResponseStreamSink } from "./response-stream.ts";
import { streamChunks } from "./web-streams.ts";

/**
 * Where the app is mounted, and where its errors go.
 * @example fetchHandler(app, { scriptName: "/legacy", errors: myLog });
 */
export interface FetchHandlerOptions {
  /** The path the app is mounted under, like "/legacy": it becomes `SCRIPT_NAME`. Default "". */
  scriptName?: string;
  /** `gateway.errors`; defaults to `console.error`, which every runtime has. */
  errors?: ErrorStream;
}

/** A log line for each write: apps write whole lines, ending in "\n". */
const CONSOLE_ERRORS: ErrorStream = {
  write: (text) => console.error(text.replace(/\n$/, "")),
  flush: () => {},
};

/**
 * What a runtime passes beside the `Request`, for the client's address:
 * Deno's `info` (`info.remoteAddr.hostname`), or Bun's server
 * (`server.requestIP(request)`). Either may be missing.
 * @example handler(request, { remoteAddr: { hostname: "203.0.113.9" } });
 */
export interface ConnectionInfo {
  remoteAddr?: { hostname?: string };
  requestIP?(request: Request): { address: string } | null;
}

/**
 * A Fetch handler that runs `app`. It returns the `Response` itself when
 * the app answered at once, and a promise of it otherwise: every runtime
 * takes either, and skips a turn of its event loop for the first.
 * @example const response = await fetchHandler(app)(new Request("http://localhost/hello"));
 */
export function fetchHandler(
  app: App,
  options: FetchHandlerOptions = {},
): (request: Request, info?: ConnectionInfo) => Response | Promise<Response> {
  const scriptName = checkScriptName(options.scriptName ?? "");
  const errors = options.errors ?? CONSOLE_ERRORS;
  return function handle(request: Request, info?: ConnectionInfo): Response | Promise<Response> {
    // The runtime parsed the Request's URL (the Fetch standard's URL
    // parser): it is absolute ("http://example.org:8080/a?b"), its host is
    // valid, and it holds no user name or password (`new Request` refuses
    // them). So it is cut at the first "/" after "scheme://", with no
    // regular expression and no `new URL()`: checking it all again cost
    // about a microsecond a request in a running server (bench/README.md).
    const href = request.url;
    const hostAt = href.indexOf("://") + 3;
    const pathAt = hostAt === 2 ? -1 : href.indexOf("/", hostAt);
    if (pathAt === -1) return textResponse(400, `Bad Request: ${href} has no host and path\n`);
    const host = href.slice(hostAt, pathAt);
    let target: TargetVariables | undefined;
    try {
      target = mountedTarget(href.slice(pathAt), scriptName);
    } catch (error) {
      if (!(error instanceof BadRequest)) throw error;
      return textResponse(400, `Bad Request: ${error.message}\n`);
    }
    if (target === undefined) return textResponse(404, `Not Found: not under ${scriptName}\n`);
    const sink = new ResponseStreamSink(request);
    const environ = requestEnviron(
      request,
      href.startsWith("https:") ? "https" : "http",
      host,
      target,
      remoteAddress(request, info),
      errors,
      sink,
    );
    // runCycle answers every error through the sink, and its promise never rejects.
    void runCycle(app, environ, sink);
    return sink.sent ?? sink.response;
  };
}

/** "" (the root), or a path that starts with "/" and does not end with one (PEP 3333). */
function checkScriptName(scriptName: string): string {
  if (scriptName === "" || isMountPoint(scriptName)) return scriptName;
  throw new TypeError(
    `scriptName ${JSON.stringify(scriptName)} must be "" or a path like "/legacy", with no "/" at the end`,
  );
}

/**
 * The target variables of `path` (the URL's path and query, still
 * percent-encoded, as sent), with `scriptName` moved from the start of
 * `PATH_INFO` to `SCRIPT_NAME`; `undefined` when the path is not under it.
 */
function mountedTarget(path: string, scriptName: string): TargetVariables | undefined {
  const target = targetVariables(path);
  if (scriptName === "") return target;
  const pathInfo = pathUnder(target.PATH_INFO, scriptName);
  if (pathInfo === undefined) return undefined;
  return { ...target, SCRIPT_NAME: scriptName, PATH_INFO: pathInfo };
}

/** The client's address, when the runtime said. */
function remoteAddress(request: Request, info: ConnectionInfo | undefined): string | undefined {
  return info?.remoteAddr?.hostname ?? info?.requestIP?.(request)?.address;
}

/** The environ for `request` (PEP 3333, "environ Variables"); `client` tells `gateway.signal` when the client left. */
function requestEnviron(
  request: Request,
  scheme: "http" | "https",
  host: string,
  target: TargetVariables,
  remoteAddr: string | undefined,
  errors: ErrorStream,
  client: ClientWatch,
): Environ {
  const [serverName, port] = nameAndPort(host);
  // Written out, not spread: the environ stays a fast object (bench/README.md).
  const environ: Record<string, unknown> = {
    REQUEST_METHOD: request.method,
    SCRIPT_NAME: target.SCRIPT_NAME,
    PATH_INFO: target.PATH_INFO,
    QUERY_STRING: target.QUERY_STRING,
    REQUEST_URI: target.REQUEST_URI,
    SERVER_NAME: serverName,
    SERVER_PORT: port || (scheme === "https" ? "443" : "80"),
    SERVER_PROTOCOL: "HTTP/1.1",
  };
  // Only when the runtime said: a key holding undefined would tell `in` and `Object.keys` it had.
  if (remoteAddr !== undefined) environ.REMOTE_ADDR = remoteAddr;
  addGatewayVariables(environ, new RequestBody(request), errors, scheme, LONG_RUNNING, client);
  for (const [name, value] of request.headers) addHeader(environ, name, value);
  // A Request built in code names its host only in its URL.
  environ.HTTP_HOST ??= host;
  return environ as unknown as Environ;
}

/**
 * The host's name and its port ("" when the URL left out the default
 * one). An IPv6 host is written in brackets in a URL ("[::1]:8080"), and
 * without them as a name.
 * @example nameAndPort("[::1]:8080"); // ["::1", "8080"]
 */
function nameAndPort(host: string): [name: string, port: string] {
  const colon = host.lastIndexOf(":");
  const hasPort = colon > host.lastIndexOf("]");
  const name = hasPort ? host.slice(0, colon) : host;
  const port = hasPort ? host.slice(colon + 1) : "";
  return [name.startsWith("[") ? name.slice(1, -1) : name, port];
}

/**
 * `gateway.input` over the request's body stream, which it opens only
 * when the app reads it. A body that was read, or is being read, by
 * someone else first (a middleware that ran before this handler) is
 * refused with a clear error when the app reads it, rather than passed on
 * as an empty or partial body. A class, not `onceOnly` and a closure: one
 * object fewer for every request, most of which never read it.
 */
class RequestBody extends OnceOnlyInput {
  constructor(readonly request: Request) {
    super();
  }

  protected open(): AsyncIterator<Uint8Array> {
    const { body } = this.request;
    if (body === null) return noBody();
    if (this.request.bodyUsed || body.locked) {
      throw new Error("gateway.input: the Request's body was already read before the app got it");
    }
    return streamChunks(body);
  }
}

/** The body of a request without one (a GET): nothing at all. */
async function* noBody(): AsyncGenerator<Uint8Array> {}

function textResponse(status: number, text: string): Response {
  return new Response(text, {
    status,
    headers: { "Content-Type": "text/plain; charset=utf-8" },
  });
}
