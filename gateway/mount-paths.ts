/**
 * Mount points: where in a site's paths an app is mounted.
 *
 * An app need not own a whole site: a URL map, an Express mount, Apache's
 * `ProxyPass` or the CGI host can give it one prefix, "/blog" say. Then
 * PEP 3333 ("URL Reconstruction") wants the prefix in `SCRIPT_NAME` and
 * what follows it in `PATH_INFO`. The rule for "follows" is the same
 * everywhere, so it lives here once: a prefix matches whole path segments,
 * so "/app" takes "/app" and "/app/x" but not "/apple".
 *
 * @example
 * if (isMountPoint("/blog")) pathUnder("/blog/2024", "/blog"); // "/2024"
 */

/** Segments, none empty, each after a "/", and no "/" at the end. */
const MOUNT_POINT = /^(?:\/[^/]+)+$/;

/**
 * Whether `prefix` can mount an app: "/app" and "/shop/admin" can; "app",
 * "/app/", "//app" and the root cannot (each caller says how it writes the root).
 * @example isMountPoint("/app"); // true
 */
export function isMountPoint(prefix: string): boolean {
  return MOUNT_POINT.test(prefix);
}

/**
 * The `PATH_INFO` of `path` for an app mounted at `prefix`: what follows
 * the prefix, or `undefined` when the path is not under it. The prefix
 * matches whole segments, so "/app" takes "/app" ("" follows) and "/app/x"
 * ("/x"), not "/apple"; the root, "", takes every path.
 * @example pathUnder("/blog/2024", "/blog"); // "/2024"
 */
export function pathUnder(path: string, prefix: string): string | undefined {
  if (path !== prefix && !path.startsWith(`${prefix}/`)) return undefined;
  return path.slice(prefix.length);
}
