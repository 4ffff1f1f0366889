/**
 * The URL map: several apps under one server, each at its own path prefix
 * (like Paste's `paste.urlmap.URLMap`).
 *
 * `urlMap({ "/blog": blog, "/": home })` sends `/blog` and `/blog/...` to
 * `blog`, and everything else to `home`. The longest prefix that matches
 * wins, and prefixes match whole path segments only: `/blog` takes
 * `/blog/2024` but not `/blogger`.
 *
 * The matched prefix moves from `PATH_INFO` to the end of `SCRIPT_NAME`, as
 * PEP 3333 means those two keys to be used ("URL Reconstruction"): a request
 * for `/blog/2024` reaches `blog` with `SCRIPT_NAME` "/blog" and `PATH_INFO`
 * "/2024", so `blog` routes on "/2024" and builds its links from
 * `SCRIPT_NAME`, knowing nothing of where it is mounted. A request for
 * `/blog` itself reaches it with `PATH_INFO` "". The mounted app gets a copy
 * of the environ, so middleware outside the map still sees the request as it
 * came. Nothing matching gets a 404.
 *
 * @example
 * const site = urlMap({ "/": home, "/blog": blog, "/static": files });
 */
import { isMountPoint, pathUnder } from "../mount-paths.ts";
import type { App } from "../types.ts";
import { notFound } from "./http-errors.ts";

/** One mounted app: its prefix ("" for the root) and the app. */
interface Mount {
  prefix: string;
  app: App;
}

/**
 * Mounts apps at path prefixes. Prefixes are checked here, once: each
 * starts with "/" and has no "/" at the end, except the root, "/".
 * @example urlMap({ "/api": api, "/": site })
 */
export function urlMap(mounts: Record<string, App>): App {
  const table = Object.entries(mounts)
    .map(([prefix, app]) => checkMount(prefix, app))
    .sort((a, b) => b.prefix.length - a.prefix.length);
  return function mapped(environ, startResponse) {
    for (const { prefix, app } of table) {
      const pathInfo = pathUnder(environ.PATH_INFO, prefix);
      if (pathInfo === undefined) continue;
      // A copy: middleware outside the map still sees the environ as it came.
      const moved = { ...environ, SCRIPT_NAME: environ.SCRIPT_NAME + prefix, PATH_INFO: pathInfo };
      return app(moved, startResponse);
    }
    return notFound().respond(environ, startResponse);
  };
}

/** Checks one entry; the root "/" is kept as "", so that it matches every path and moves nothing. */
function checkMount(prefix: string, app: App): Mount {
  if (prefix !== "/" && !isMountPoint(prefix)) {
    throw new TypeError(
      `urlMap: the prefix ${JSON.stringify(prefix)} is not a path: ` +
        `write it with a leading "/" and no trailing "/", like "/blog" (or "/" for the root)`,
    );
  }
  if (typeof app !== "function") {
    throw new TypeError(
      `urlMap: the prefix ${prefix} maps to ${typeof app}, not an app: did you call the app instead of passing it?`,
    );
  }
  return { prefix: prefix === "/" ? "" : prefix, app };
}
