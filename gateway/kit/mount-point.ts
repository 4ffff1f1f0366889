/**
 * The mount point: tells an app where the web server in front mounted it.
 *
 * An app behind Apache or nginx is often given one path prefix of the
 * site, as in `ProxyPass "/app/" "fcgi://127.0.0.1:9000/"`. PEP 3333
 * ("URL Reconstruction") wants the prefix in `SCRIPT_NAME` and the rest of
 * the path in `PATH_INFO`, so that the app routes on `PATH_INFO` and builds
 * its links from `SCRIPT_NAME`. nginx, told how to split the path
 * (`fastcgi_split_path_info`), does that. Apache's `mod_proxy_fcgi` does not:
 * it puts the whole path in `SCRIPT_NAME` and sends no `PATH_INFO`, so the
 * app would route every request as "" and build links under the wrong prefix.
 *
 * `mountedAt("/app")` sets the pair again from `REQUEST_URI`, the path as
 * the client sent it, which both servers pass on untouched: the prefix goes
 * in `SCRIPT_NAME`, the rest, percent-decoded as every server here decodes
 * `PATH_INFO`, in `PATH_INFO`. Behind nginx, for a clean path, that is the
 * pair nginx sent, so one line serves both. The prefix matches whole path
 * segments, as in `urlMap`: `/app` takes `/app` and `/app/x`, not `/apple`.
 *
 * "As the client sent it" means not normalised. nginx removes `..` and
 * repeated slashes before it picks a `location` and splits the path;
 * `REQUEST_URI` keeps them, and so does the pair made from it:
 * `/app/x/../y` gives `PATH_INFO` "/x/../y" (nginx's own split: "/y"),
 * `/app//x` gives "//x", and `/x/../app/y`, which nginx sends to the app
 * as `/app/y`, gets the 404 below. The `node:http` server passes such paths
 * on as they came too, as Python's wsgiref does: an app that maps
 * `PATH_INFO` to files must refuse `..` itself, as `static-path.ts` does.
 *
 * A request outside the prefix gets a 404 rather than passing through: a
 * web server sends only the prefix's requests, so another one means the
 * app is running somewhere else (started by hand, say), and answering it
 * with made-up paths would hide that. A path that is not valid
 * percent-encoded UTF-8 gets a 400.
 *
 * Wrap the whole app, outermost: `REQUEST_URI` is the request as the
 * client sent it, not as a `urlMap` or Express mount further in sees it.
 *
 * @example
 * // behind Apache or nginx, mounted at /app/
 * await serveFastCGI(mountedAt("/app")(app), { port: 9000 });
 * // GET /app/hello%20world/x?y=1 reaches app with SCRIPT_NAME "/app", PATH_INFO "/hello world/x"
 */
import { BadRequest, targetVariables } from "../environ.ts";
import { isMountPoint, pathUnder } from "../mount-paths.ts";
import type { Middleware } from "../types.ts";
import { badRequest, notFound } from "./http-errors.ts";

/**
 * Makes the middleware for an app mounted at `prefix` ("/app": a leading
 * "/", no "/" at the end). A malformed prefix is refused here, once.
 * @example const deployed = mountedAt("/app")(app);
 */
export function mountedAt(prefix: string): Middleware {
  if (!isMountPoint(prefix)) {
    throw new TypeError(
      `mountedAt: the prefix ${JSON.stringify(prefix)} is not a mount point: ` +
        `write it with a leading "/" and no trailing "/", like "/app" (an app at the root needs no mountedAt)`,
    );
  }
  return (app) =>
    function mounted(environ, startResponse) {
      let path: string;
      try {
        path = targetVariables(environ.REQUEST_URI, environ.REQUEST_METHOD).PATH_INFO;
      } catch (error) {
        if (!(error instanceof BadRequest)) throw error;
        return badRequest(error.message).respond(environ, startResponse);
      }
      const pathInfo = pathUnder(path, prefix);
      if (pathInfo === undefined) {
        return notFound(`This app is mounted at ${prefix}/.`).respond(environ, startResponse);
      }
      const moved = { ...environ, SCRIPT_NAME: prefix, PATH_INFO: pathInfo };
      return app(moved, startResponse);
    };
}
