/**
 * The Fetch handler bridge: a gateway app as a `(request) => Response` function.
 *
 * Deno (`Deno.serve`), Bun (`Bun.serve`), Cloudflare Workers and many
 * frameworks serve a function that takes a Fetch `Request` and returns a
 * `Response`. `fetchHandler(app)` is that function for a gateway app: it
 * builds the environ from the `Request` (PEP 3333, "environ Variables"),
 * runs the app through the shared request cycle, and answers with a
 * `Response` whose body streams with back-pressure.
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
  bytesInput,
  LONG_RUNNING,
  onceOnly,
  type TargetVariables,
  targetVariables,
} from "../environ.ts";
import { isMountPoint, pathUnder } from "../mount-paths.ts";
import { addHeader } from "../request-headers.ts";
import type { ClientWatch } from "../request-signal.ts";
import { runCycle } from "../response-cycle.ts";
import type { App, Environ, ErrorStream, InputStream } from "../types.ts";
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
 * A Fetch handler that runs `app`.
 * @example const response = await fetchHandler(app)(new Request("http://localhost/hello"));
 */
export function fetchHandler(
  app: App,
  options: FetchHandlerOptions = {},
): (request: Request, info?: ConnectionInfo) => Promise<Response> {
  const scriptName = checkScriptName(options.scriptName ?? "");
  const errors = options.errors ?? CONSOLE_ERRORS;
  return async function handle(request: Request, info?: ConnectionInfo): Promise<Response> {
    const url = new URL(request.url);
    let target: TargetVariables | undefined;
    try {
      target = mountedTarget(url, scriptName);
    } catch (error) {
      if (!(error instanceof BadRequest)) throw error;
      return textResponse(400, `Bad Request: ${error.message}\n`);
    }
    if (target === undefined) return textResponse(404, `Not Found: not under ${scriptName}\n`);
    const sink = new ResponseStreamSink(request.signal);
    const environ = requestEnviron(
      request,
      url,
      target,
      remoteAddress(request, info),
      errors,
      sink,
    );
    // runCycle answers every error through the sink, and its promise never rejects.
    void runCycle(app, environ, sink);
    return sink.response;
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
 * The target variables, with `scriptName` moved from the start of
 * `PATH_INFO` to `SCRIPT_NAME`; `undefined` when the path is not under it.
 * The URL's path and query are still percent-encoded, as sent.
 */
function mountedTarget(url: URL, scriptName: string): TargetVariables | undefined {
  const target = targetVariables(url.pathname + url.search);
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
  url: URL,
  target: TargetVariables,
  remoteAddr: string | undefined,
  errors: ErrorStream,
  client: ClientWatch,
): Environ {
  const scheme = url.protocol === "https:" ? "https" : "http";
  const environ: Record<string, unknown> = {
    REQUEST_METHOD: request.method,
    ...target,
    // An IPv6 host is written in brackets in a URL ("[::1]"), and without them as a name.
    SERVER_NAME: url.hostname.replace(/^\[(.*)\]$/, "$1"),
    SERVER_PORT: url.port || (scheme === "https" ? "443" : "80"),
    SERVER_PROTOCOL: "HTTP/1.1",
    REMOTE_ADDR: remoteAddr,
  };
  addGatewayVariables(environ, bodyInput(request), errors, scheme, LONG_RUNNING, client);
  for (const [name, value] of request.headers) addHeader(environ, name, value);
  // A Request built in code names its host only in its URL.
  environ.HTTP_HOST ??= url.host;
  return environ as unknown as Environ;
}

/**
 * `gateway.input` over the request's body stream. A body that was read,
 * or is being read, by someone else first (a middleware that ran before
 * this handler) is refused with a clear error when the app reads it,
 * rather than passed on as an empty or partial body.
 */
function bodyInput(request: Request): InputStream {
  const { body } = request;
  if (body === null) return bytesInput(new Uint8Array(0));
  return onceOnly(() => {
    if (request.bodyUsed || body.locked) {
      throw new Error("gateway.input: the Request's body was already read before the app got it");
    }
    return streamChunks(body);
  });
}

function textResponse(status: number, text: string): Response {
  return new Response(text, {
    status,
    headers: { "Content-Type": "text/plain; charset=utf-8" },
  });
}
