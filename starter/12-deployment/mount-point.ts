/**
 * Exercise 12-mount-point: tell the app where it is mounted.
 *
 * Behind Apache, `ProxyPass "/app/" "fcgi://127.0.0.1:9000/"` puts the whole
 * path in SCRIPT_NAME and sends no PATH_INFO. For
 * GET /app/hello%20world/x?y=1 the app gets:
 *
 *   SCRIPT_NAME  "/app/hello world/x"         (the app wants "/app")
 *   PATH_INFO    "" (Apache sent none)         (the app wants "/hello world/x")
 *   REQUEST_URI  "/app/hello%20world/x?y=1"
 *
 * so the app routes every request as "" and builds its links under the
 * wrong prefix. Write `mountedAt(prefix)`, a middleware that cuts the path
 * again at the prefix, the same way behind any server:
 *
 * 1. Take the path from REQUEST_URI, the request as the client sent it,
 *    which Apache and nginx both pass on untouched (SCRIPT_NAME and
 *    PATH_INFO are what differs). `targetVariables(environ.REQUEST_URI)`,
 *    from gateway/environ.ts, drops the query and percent-decodes the
 *    path: its PATH_INFO is "/app/hello world/x".
 * 2. When that path is under the prefix, call the app with SCRIPT_NAME
 *    set to the prefix and PATH_INFO to the rest: "/app/x" gives "/x", and
 *    "/app" itself gives "". A prefix matches whole segments: "/apple" is
 *    not under "/app". `pathUnder(path, prefix)`, from
 *    gateway/mount-paths.ts, gives the rest, or undefined when the path is
 *    not under the prefix: use it, or write that test yourself.
 * 3. Otherwise answer 404 Not Found yourself, with a short text/plain
 *    body, and do not call the app.
 *
 * Hand the app a copy, `{ ...environ, SCRIPT_NAME: ..., PATH_INFO: ... }`;
 * every other key (QUERY_STRING, ...) stays as the server sent it. Behind
 * nginx, which splits the path itself, your copy holds what nginx sent.
 *
 * Check it: npm run learn -- check 12-mount-point
 * Read: lessons/12-deployment/README.md, "Exercise: tell the app where it is mounted".
 */
import type { Middleware } from "../../gateway/types.ts";

export function mountedAt(_prefix: string): Middleware {
  // (The _ in _prefix marks it unused for now: drop it when you use it.)
  // TODO: return a middleware that takes the path from REQUEST_URI, calls the app with
  // SCRIPT_NAME set to the prefix and PATH_INFO to the rest, and answers 404 outside the
  // prefix (import what you use from "../../gateway/environ.ts", "../../gateway/mount-paths.ts"
  // and "../../gateway/bytes.ts").
  // For now, the app gets the environ just as the server sent it.
  return (app) => app;
}
