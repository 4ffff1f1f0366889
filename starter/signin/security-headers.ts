/**
 * Headers every page of the app carries, each closing one door.
 *
 * - `Content-Security-Policy`: the pages load only this site's own files,
 *   run no script at all (the app has none, so an injected one is refused
 *   too), send forms only to this site, and may not be shown in another
 *   site's frame (which could trick a visitor into clicking our buttons).
 * - `X-Content-Type-Options: nosniff`: a browser takes each answer for the
 *   type it says it is, never guessing "this text looks like a script".
 * - `Referrer-Policy: same-origin`: our addresses are not told to other sites.
 * - `Cache-Control: no-store`: pages name the signed-in user and carry CSRF
 *   tokens; no browser or proxy cache should keep them.
 *
 * @example
 * const app = securityHeaders()(router(routes));
 */
import type { Headers, Middleware } from "../../gateway/types.ts";

// #region headers
const HEADERS: Headers = [
  [
    "Content-Security-Policy",
    "default-src 'self'; script-src 'none'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
  ],
  ["X-Content-Type-Options", "nosniff"],
  ["Referrer-Policy", "same-origin"],
  ["Cache-Control", "no-store"],
];
// #endregion headers

/**
 * Adds the headers above to every answer of the app it wraps.
 * @example securityHeaders()(app)
 */
export function securityHeaders(): Middleware {
  return (app) =>
    function withSecurityHeaders(environ, startResponse) {
      return app(environ, (status, headers, excInfo) =>
        startResponse(status, [...headers, ...HEADERS], excInfo),
      );
    };
}
