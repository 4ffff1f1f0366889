/**
 * Exercise: a middleware that lets only this machine in.
 *
 * The debugger's console runs any code in the server, so the debugger
 * answers only requests that come from this machine, to this machine's
 * name. Write that check for any app (an admin page, say):
 * `isLocalRequest(environ)` is true only when all three hold:
 *
 * - `REMOTE_ADDR` is a loopback address: 127.0.0.1 (any 127.x.x.x), ::1,
 *   or IPv4 written inside IPv6 as ::ffff:127.0.0.1;
 * - the `Host` header (`HTTP_HOST`) names localhost or a loopback address,
 *   with or without a port: "localhost", "localhost:8010",
 *   "127.0.0.1:8010", "[::1]:8010", in any case ("LOCALHOST");
 * - the `Origin` header (`HTTP_ORIGIN`), when there is one, is such a name
 *   behind "http://" or "https://": "http://localhost:8010". A browser
 *   sends Origin with a POST, or a fetch, from a page: the page's site.
 *
 * Anything else is false: "evil.example", "localhost.evil.example",
 * "127.0.0.1.evil.example", a missing Host, Origin "null". `localOnly` is
 * written for you: it answers 403 when `isLocalRequest` says false.
 *
 * Check it: npm run learn -- check 10-local-only
 * Read: lessons/10-debugger/README.md, "Exercise: only from this machine".
 */
import { encode } from "../../gateway/bytes.ts";
import type { Environ, Middleware } from "../../gateway/types.ts";

// Anchored at both ends (^...$): "127.0.0.1.evil.example" must not pass for 127.0.0.1.
const LOOPBACK_NAME = String.raw`(localhost|127\.\d{1,3}\.\d{1,3}\.\d{1,3}|\[::1\])`;
const LOOPBACK_HOST = new RegExp(`^${LOOPBACK_NAME}(:\\d+)?$`, "i");
const LOOPBACK_ORIGIN = new RegExp(`^https?://${LOOPBACK_NAME}(:\\d+)?$`, "i");

/** True when the request comes from this machine, to a loopback name. */
export function isLocalRequest(environ: Environ): boolean {
  const address = (environ.REMOTE_ADDR ?? "").replace(/^::ffff:/i, "");
  const fromHere = address === "::1" || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(address);
  const origin = environ.HTTP_ORIGIN;
  const originOk = origin === undefined || LOOPBACK_ORIGIN.test(origin);
  return fromHere && LOOPBACK_HOST.test(environ.HTTP_HOST ?? "") && originOk;
}

/** Answers 403 to any request that is not local; passes the others to the app. */
export const localOnly: Middleware = (app) =>
  function localOnlyApp(environ, startResponse) {
    if (isLocalRequest(environ)) return app(environ, startResponse);
    const body = encode("Forbidden: this page answers only requests from this machine.\n");
    startResponse("403 Forbidden", [
      ["Content-Type", "text/plain; charset=utf-8"],
      ["Content-Length", String(body.byteLength)],
    ]);
    return [body];
  };
