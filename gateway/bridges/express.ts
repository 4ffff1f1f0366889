/**
 * The Express bridge: a gateway app mounted inside an Express app.
 *
 * Express's request and response are `node:http`'s `IncomingMessage` and
 * `ServerResponse` with extras, so the bridge builds the environ and sends
 * the answer exactly as the `node:http` server does (node-request.ts,
 * node-response.ts). What Express adds is the mount: under
 * `expressApp.use("/legacy", ...)`, a request for `/legacy/page` reaches
 * the app with `SCRIPT_NAME` "/legacy" and `PATH_INFO` "/page", as PEP 3333
 * means the two to be split ("URL Reconstruction"), so the app builds its
 * links from `SCRIPT_NAME` and knows nothing of where it is mounted.
 *
 * Errors. The request cycle answers the app's own errors itself: a 500
 * page while nothing went out yet, a cut connection after (and it logs
 * them to `gateway.errors`). They are not passed to `next(error)`: before
 * the headers, the gateway's answer is the one every other server gives;
 * after, Express could do nothing either (its final handler, seeing the
 * headers sent, can only destroy the socket, which the cycle has done).
 * `next(error)` is called only for a failure before the cycle starts,
 * when nothing was written and Express's error handlers can still answer.
 *
 * @example
 * const site = express();
 * site.use("/legacy", expressHandler(app));
 * site.get("/", (req, res) => res.send("Express's own page"));
 * site.listen(3000);
 */
import type { NextFunction, Request, RequestHandler, Response } from "express";
import {
  BadRequest,
  decodePathInfo,
  errorStream,
  type TargetVariables,
  targetVariables,
} from "../environ.ts";
import { nodeEnviron, type ServerSide } from "../node-request.ts";
import { NodeSink } from "../node-response.ts";
import { refuse, runCycle } from "../response-cycle.ts";
import type { App, Environ, ErrorStream, Headers } from "../types.ts";

/**
 * What the bridge may be told.
 * @example expressHandler(app, { errors: errorStream(logFile) });
 */
export interface ExpressHandlerOptions {
  /** `gateway.errors`; defaults to the process's standard error. */
  errors?: ErrorStream;
}

/**
 * An Express handler that runs `app`, mounted where the handler is `use`d.
 * @example expressApp.use("/legacy", expressHandler(app));
 */
export function expressHandler(app: App, options: ExpressHandlerOptions = {}): RequestHandler {
  const errors = options.errors ?? errorStream(process.stderr);
  return function gatewayApp(req: Request, res: Response, next: NextFunction): void {
    const sink = new ExpressSink(res);
    let environ: Environ;
    try {
      environ = nodeEnviron(req, res, mountedTarget(req), serverSide(req, errors), sink);
    } catch (error) {
      if (error instanceof BadRequest) refuse(sink, error);
      else next(error);
      return;
    }
    // runCycle answers every error itself, and its promise never rejects: nothing to wait for.
    void runCycle(app, environ, sink);
  };
}

/**
 * The request target, split at the mount. Express keeps the part of the
 * path that the mount matched, still percent-encoded, in `baseUrl` ("" at
 * the root), and the rest, as it routes it, in `url`: so a middleware that
 * rewrote `url` before the mount is followed, as Express follows it. Only
 * `REQUEST_URI` is the target as the client sent it, from `originalUrl`.
 */
function mountedTarget(req: Request): TargetVariables {
  const routed = targetVariables(req.url);
  const sent = targetVariables(req.originalUrl);
  const scriptName = decodePathInfo(req.baseUrl);
  return {
    SCRIPT_NAME: scriptName,
    // Express routes both "/legacy" and "/legacy/" as "/": the path as sent
    // tells them apart, and "/legacy" gets "", as in urlMap (kit/url-map.ts).
    PATH_INFO: sent.PATH_INFO === scriptName ? "" : routed.PATH_INFO,
    QUERY_STRING: routed.QUERY_STRING,
    REQUEST_URI: sent.REQUEST_URI,
  };
}

/**
 * The server, as this connection sees it: Express may listen on several
 * addresses, or behind TLS. It is the connection itself that counts:
 * Express's `trust proxy` setting is for Express's own `req.protocol` and
 * `req.ip`, and the app is not told what a proxy claims.
 */
function serverSide(req: Request, errors: ErrorStream): ServerSide {
  const { socket } = req;
  return {
    // Listening on "::" (Node's default, dual-stack), an IPv4 connection's address is "::ffff:127.0.0.1".
    SERVER_NAME: socket.localAddress ?? "localhost",
    SERVER_PORT: String(socket.localPort ?? 80),
    scheme: "encrypted" in socket ? "https" : "http",
    errors,
  };
}

/**
 * `NodeSink`, for a response that Express and its middleware may have put
 * headers on already (`X-Powered-By`, CORS headers, ...). Those stay,
 * unless the app sends its own of that name. Node would keep them too,
 * but with `setHeader` for each of the app's headers, keeping only the
 * last of a repeated one, such as `Set-Cookie`: so the app's headers are
 * added here one by one.
 */
class ExpressSink extends NodeSink {
  override head(code: number, reason: string, headers: Headers): void {
    const { res } = this;
    for (const [name] of headers) res.removeHeader(name);
    for (const [name, value] of headers) res.appendHeader(name, value);
    res.writeHead(code, reason);
  }
}
