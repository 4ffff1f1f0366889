/**
 * The environ for a `node:http` request, and its body as `gateway.input`.
 *
 * Two hosts in the workshop receive Node's `IncomingMessage`: the
 * `node:http` server (http-server.ts) and the Express bridge
 * (bridges/express.ts), since Express's request is Node's, with extras.
 * They differ only in where the app is mounted (the server mounts it at
 * the root; Express at the path it was `use`d under) and in what they know
 * of the server, so both build the environ here, from those two things.
 *
 * @example
 * const side = { SERVER_NAME: "127.0.0.1", SERVER_PORT: "8000", scheme: "http", errors };
 * const environ = nodeEnviron(req, res, targetVariables(req.url ?? "/", req.method), side, sink);
 */
import type http from "node:http";
import {
  addGatewayVariables,
  LONG_RUNNING,
  OnceOnlyInput,
  type TargetVariables,
  targetHost,
} from "./environ.ts";
import { addHeader } from "./request-headers.ts";
import type { ClientWatch } from "./request-signal.ts";
import type { Environ, ErrorStream } from "./types.ts";

/**
 * What a host says about itself in each environ. The `node:http` server
 * builds it once, when it starts listening, not once per request.
 * @example const side: ServerSide = { SERVER_NAME: "127.0.0.1", SERVER_PORT: "8000", scheme: "http", errors };
 */
export interface ServerSide {
  SERVER_NAME: string;
  SERVER_PORT: string;
  scheme: "http" | "https";
  /** `gateway.errors`. */
  errors: ErrorStream;
}

/**
 * The environ for one `node:http` request (PEP 3333, "environ Variables"),
 * with `target` giving `SCRIPT_NAME`, `PATH_INFO`, `QUERY_STRING` and
 * `REQUEST_URI`, and `client` telling `gateway.signal` when the client left.
 * Throws `BadRequest` for headers no server may accept (a second `Host`, ...).
 * @example nodeEnviron(req, res, targetVariables("/a%20b?x=1"), side, sink).PATH_INFO; // "/a b"
 */
export function nodeEnviron(
  req: http.IncomingMessage,
  res: http.ServerResponse,
  target: TargetVariables,
  side: ServerSide,
  client: ClientWatch,
): Environ {
  // The request's keys are written out rather than spread in: an environ
  // built with two spreads became a slow "dictionary" object in V8, and
  // one is built for every request (bench/README.md). So are the gateway's.
  const environ: Record<string, unknown> = {
    REQUEST_METHOD: req.method,
    SCRIPT_NAME: target.SCRIPT_NAME,
    PATH_INFO: target.PATH_INFO,
    QUERY_STRING: target.QUERY_STRING,
    REQUEST_URI: target.REQUEST_URI,
    SERVER_NAME: side.SERVER_NAME,
    SERVER_PORT: side.SERVER_PORT,
    SERVER_PROTOCOL: `HTTP/${req.httpVersion}`,
    REMOTE_ADDR: req.socket.remoteAddress,
  };
  const input = new RequestBody(req, res);
  addGatewayVariables(environ, input, side.errors, side.scheme, LONG_RUNNING, client);
  // rawHeaders keeps each header line as sent, [name, value, name, value, ...], repeats included.
  const raw = req.rawHeaders;
  for (let i = 0; i < raw.length; i += 2) {
    addHeader(environ, raw[i] as string, raw[i + 1] as string);
  }
  const host = targetHost(req.url ?? "");
  if (host !== undefined) environ.HTTP_HOST = host;
  return environ as unknown as Environ;
}

/**
 * `gateway.input` over Node's request stream. Leaving the loop early must
 * not destroy the stream (that would kill the socket and our response with
 * it): the rest of the body is discarded instead, and since the client may
 * still be sending a large body, the connection closes after this response.
 */
class RequestBody extends OnceOnlyInput {
  constructor(
    readonly req: http.IncomingMessage,
    readonly res: http.ServerResponse,
  ) {
    super();
  }

  protected open(): AsyncIterator<Uint8Array> {
    const { req, res } = this;
    // Reading on would find the stream empty, and the app would take the body for an empty one.
    if (req.readableDidRead) throw new BodyAlreadyRead();
    const chunks = req.iterator({ destroyOnReturn: false });
    return {
      next: () => chunks.next(),
      return: async () => {
        // Stop the iterator first: while it listens, the stream will not flow to resume().
        await chunks.return?.();
        if (!req.complete) res.shouldKeepAlive = false;
        req.resume();
        return { done: true, value: undefined };
      },
    };
  }
}

/**
 * Something in front of the app read the request body first. In Express,
 * that is a body parser (`express.json()`, `express.urlencoded()`, ...)
 * that ran before the bridge.
 */
class BodyAlreadyRead extends Error {
  override name = "BodyAlreadyRead";
  constructor() {
    super(
      "gateway.input: the request body was already read before the app got it " +
        "(in Express, by a body parser such as express.json() that runs before the bridge: " +
        "mount the gateway app before the body parsers, or only under a path they skip)",
    );
  }
}
