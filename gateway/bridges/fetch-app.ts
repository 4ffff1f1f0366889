/**
 * The Fetch app bridge: a `(request) => Response` handler as a gateway app.
 *
 * The other way round from fetch-handler.ts: code written for the Fetch
 * standard (a Deno or Worker handler, a framework such as Hono) runs on
 * any gateway server, behind any gateway middleware. `fetchApp(handler)`
 * builds a `Request` from the environ, calls the handler, and answers
 * with the `Response` it returns, its body streamed chunk by chunk.
 *
 * The URL is rebuilt as PEP 3333 says ("URL Reconstruction"): from the
 * scheme, the Host header (or the server's name and port), `SCRIPT_NAME`
 * and `PATH_INFO` percent-encoded again, and the query as it came. So a
 * handler behind a URL map sees the whole path, prefix included. A URL
 * has no "." or ".." segments: "/a/../b" reaches the handler as "/b". The
 * client's address goes beside the `Request`, as Deno passes it, and
 * `gateway.signal` becomes `request.signal`.
 *
 * @example
 * const app = fetchApp((request) => new Response(`Hello from ${new URL(request.url).pathname}\n`));
 * await serve(app, { port: 8012 });
 */
import { STATUS_CODES } from "node:http";
import { encode } from "../bytes.ts";
import { BadRequest, encodePath, isHostAndPort } from "../environ.ts";
import { hostAndPort } from "../listening-server.ts";
import { headerName } from "../request-headers.ts";
import { HOP_BY_HOP } from "../response-checks.ts";
import type { App, Body, Environ, Headers as HeaderList, StartResponse } from "../types.ts";
import type { ConnectionInfo } from "./fetch-handler.ts";
import { iterableStream, streamChunks } from "./web-streams.ts";

/**
 * A Fetch handler: what Deno, Bun and Workers serve. A runtime may pass
 * the client's address beside the `Request`, as Deno does.
 * @example const hello: FetchHandler = () => new Response("Hello\n");
 */
export type FetchHandler = (
  request: Request,
  info?: ConnectionInfo,
) => Response | Promise<Response>;

/**
 * A gateway app that answers each request with `handler`.
 * @example await serve(fetchApp((request) => new Response(request.method)), { port: 0 });
 */
export function fetchApp(handler: FetchHandler): App {
  return async function fetched(environ, startResponse) {
    let request: Request;
    try {
      request = environRequest(environ);
    } catch (error) {
      if (!(error instanceof BadRequest)) throw error;
      return badRequest(startResponse, error);
    }
    // As Deno does: the client's address beside the Request, which cannot carry it.
    const response = await handler(request, { remoteAddr: { hostname: environ.REMOTE_ADDR } });
    if (!(response instanceof Response)) {
      throw new TypeError(`the handler returned ${String(response)}: return a Response`);
    }
    try {
      startResponse(statusLine(response), responseHeaders(response.headers));
    } catch (error) {
      // Nobody will read the body now: cancelling it lets its source stop and clean up.
      void response.body?.cancel(error).catch(() => undefined);
      throw error;
    }
    return response.body === null ? [] : streamChunks(response.body);
  };
}

/**
 * The `Request` for the environ. Methods that have no body in the Fetch
 * standard (GET, HEAD) get none; the others read `gateway.input` as the
 * handler reads its body ("half" duplex: the request body is sent before
 * the response is read, which is the only way Fetch allows a stream body).
 * `gateway.signal` becomes `request.signal`, which a Fetch handler watches
 * to learn that its client left.
 */
function environRequest(environ: Environ): Request {
  const url = requestUrl(environ);
  const method = environ.REQUEST_METHOD;
  const hasBody = method !== "GET" && method !== "HEAD";
  // `duplex` is newer than TypeScript's DOM types, which do not list it yet.
  const init: RequestInit & { duplex: "half" } = {
    method,
    headers: requestHeaders(environ),
    body: hasBody ? iterableStream(environ["gateway.input"]) : null,
    duplex: "half",
    signal: environ["gateway.signal"],
  };
  try {
    return new Request(url, init);
  } catch (error) {
    // CONNECT and TRACE, header values and hosts that a Request refuses.
    throw new BadRequest(`a Fetch Request cannot carry this request (${String(error)})`);
  }
}

/**
 * The URL, rebuilt. A Host header is sent by the client, so it is checked
 * first: "evil.example/admin?" would otherwise move the path into the query.
 */
function requestUrl(environ: Environ): string {
  const scheme = environ["gateway.url_scheme"];
  // The URL parser leaves out a port that is the scheme's default: "http://localhost:80/" is "http://localhost/".
  const host = environ.HTTP_HOST ?? hostAndPort(environ.SERVER_NAME, Number(environ.SERVER_PORT));
  if (!isHostAndPort(host)) {
    throw new BadRequest(`the Host ${JSON.stringify(host)} is not a host name`);
  }
  const path = encodePath(`${environ.SCRIPT_NAME}${environ.PATH_INFO}`);
  // "#" would start a fragment, and the rest of the query would be lost.
  const query = environ.QUERY_STRING.replaceAll("#", "%23");
  return `${scheme}://${host}${path || "/"}${query === "" ? "" : `?${query}`}`;
}

/**
 * The request headers, back from their environ keys: `HTTP_ACCEPT_LANGUAGE`
 * is "accept-language", `CONTENT_TYPE` is "content-type". Hop-by-hop
 * headers described the client's connection to the server, not this
 * request, and stay behind, as a proxy leaves them (RFC 9110, section 7.6.1).
 */
function requestHeaders(environ: Environ): Array<[string, string]> {
  const headers: Array<[string, string]> = [];
  for (const [key, value] of Object.entries(environ)) {
    if (typeof value !== "string") continue;
    const name = headerName(key);
    if (name !== undefined && !HOP_BY_HOP.has(name)) headers.push([name, value]);
  }
  return headers;
}

/** "200 OK": a Response made in code often has no status text, so the standard one stands in. */
function statusLine(response: Response): string {
  if (response.type === "error") {
    throw new TypeError("the handler returned Response.error(): a network error has no status");
  }
  return `${response.status} ${response.statusText || STATUS_CODES[response.status] || ""}`;
}

/**
 * The response headers, as the gateway sends them. Each `Set-Cookie` stays
 * a header of its own (joined with ", " they would no longer parse), and
 * the hop-by-hop headers, which the gateway refuses, are left out: the
 * server manages its own connection.
 */
function responseHeaders(headers: Headers): HeaderList {
  const list: HeaderList = [];
  for (const [name, value] of headers) {
    if (name !== "set-cookie" && !HOP_BY_HOP.has(name)) list.push([name, value]);
  }
  for (const cookie of headers.getSetCookie()) list.push(["set-cookie", cookie]);
  return list;
}

/** The answer to a request that cannot become a `Request`: 400, and why. */
function badRequest(startResponse: StartResponse, error: BadRequest): Body {
  const body = encode(`Bad Request: ${error.message}\n`);
  startResponse("400 Bad Request", [
    ["Content-Type", "text/plain; charset=utf-8"],
    ["Content-Length", String(body.byteLength)],
  ]);
  return [body];
}
