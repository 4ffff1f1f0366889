/**
 * Exercise 04-request-url: rebuild the URL the client asked for.
 *
 * An app that writes a link to itself (in a redirect, an email, a page)
 * needs its full URL. The environ holds the pieces; PEP 3333, "URL
 * Reconstruction", says how to put them together. Write `requestUrl`:
 *
 * 1. Start with `gateway.url_scheme` and "://".
 * 2. Add `HTTP_HOST` (the Host header, already "name:port") when it is
 *    there and not empty. Otherwise add `SERVER_NAME`, then ":" and
 *    `SERVER_PORT`, unless the port is the scheme's default (80 for
 *    http, 443 for https).
 * 3. Add `SCRIPT_NAME`, then `PATH_INFO`. The server decoded both, so
 *    encode them again, keeping their "/": encode each segment between
 *    the slashes with `encodeURIComponent` (a space becomes "%20", "ü"
 *    becomes "%C3%BC", "?" becomes "%3F").
 * 4. If `QUERY_STRING` is not empty, add "?" and the query string as it is
 *    (it was never decoded).
 *
 * `app` (already written) answers with the URL, so you can try it:
 * npx gateway serve starter/04-many-servers/request-url.ts --port 8004
 *
 * Check it: npm run learn -- check 04-request-url
 * Read: lessons/04-many-servers/README.md, "Exercise: rebuild the request URL".
 */
import { encode } from "../../gateway/bytes.ts";
import type { App, Environ } from "../../gateway/types.ts";

/** The URL of this request, rebuilt from the environ (PEP 3333, "URL Reconstruction"). */
export function requestUrl(_environ: Environ): string {
  // (The _ in _environ marks it unused for now: drop it when you use it.)
  // TODO: follow the four steps above, and return the URL.
  return "";
}

export const app: App = (environ, startResponse) => {
  startResponse("200 OK", [["Content-Type", "text/plain; charset=utf-8"]]);
  return [encode(`${requestUrl(environ)}\n`)];
};
