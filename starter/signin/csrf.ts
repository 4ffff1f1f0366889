/**
 * Exercise 11-csrf: refuse forms that did not come from this app's pages.
 *
 * A page on another site can hold a form that POSTs to our `/signout`, and
 * a script there can submit it: the browser sends the request to us, with
 * whatever cookies it has for us (cross-site request forgery, CSRF).
 * `SameSite=Lax` cookies stop most of that in today's browsers, but not a
 * sibling subdomain, nor an older browser. So every form of this app
 * carries a secret token, and every POST must bring it back:
 * `csrfToken(environ)` (written for you) makes one per session, and the
 * pages put it in a hidden field named `CSRF_FIELD`.
 *
 * Write the middleware `csrfProtection()`. For each request:
 *   - GET, HEAD and OPTIONS change nothing: pass them to the app;
 *   - any other method: read the form (`readForm(environ, { limit: FORM_LIMIT })`),
 *     take its `CSRF_FIELD` value, and compare it with the session's token
 *     (`sessionOf(environ).get(CSRF_TOKEN)`) using `sameToken` below;
 *   - a missing or wrong token: `throw forbidden(...)` with a message that
 *     says what to do (go back, reload the page, send the form again);
 *   - the right token: pass the request to the app.
 * `readForm` keeps the body it read, so the app can read the same form again.
 *
 * Check it: npm run learn -- check 11-csrf
 * Read: lessons/11-sign-in/README.md, "Exercise: CSRF protection".
 */
import { randomBytes, timingSafeEqual } from "node:crypto";
import { sessionOf } from "../../gateway/kit/sessions/index.ts";
import type { Environ, Middleware } from "../../gateway/types.ts";

/** The session key of the token. */
export const CSRF_TOKEN = "csrfToken";
/** The name of the forms' hidden field. */
export const CSRF_FIELD = "csrf_token";

/** The methods that only read: they never need a token (RFC 9110, section 9.2.1). */
const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * This session's token, made on first use: 32 random bytes, base64url.
 * @example html`<input type="hidden" name="${CSRF_FIELD}" value="${csrfToken(environ)}">`
 */
export function csrfToken(environ: Environ): string {
  const session = sessionOf(environ);
  const token = session.get(CSRF_TOKEN);
  if (typeof token === "string") return token;
  const fresh = randomBytes(32).toString("base64url");
  session.set(CSRF_TOKEN, fresh);
  return fresh;
}

/**
 * True when the two tokens are the same, compared in constant time; false
 * when either is missing.
 * @example sameToken(form.get(CSRF_FIELD), session.get(CSRF_TOKEN))
 */
export function sameToken(sent: unknown, expected: unknown): boolean {
  if (typeof sent !== "string" || typeof expected !== "string") return false;
  const a = Buffer.from(sent);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * Refuses, with 403, every request that may change something and does not
 * carry this session's token. Put it inside `sessions()` and `httpErrors()`.
 * @example sessions({ keys })(httpErrors()(csrfProtection()(router(routes))))
 */
export function csrfProtection(): Middleware {
  return (app) =>
    function checkCsrf(environ, startResponse) {
      // TODO: for a method that may change something, read the form
      // (readForm from gateway/kit/request.ts, FORM_LIMIT from
      // ./credentials.ts), and throw forbidden(...) (gateway/kit/http-errors.ts)
      // unless sameToken(form field, session token). Make this function
      // async to await the form. Then delete the warning below.
      if (!SAFE_METHODS.has(environ.REQUEST_METHOD)) {
        environ["gateway.errors"].write(
          `Exercise 11-csrf is not done yet: ${environ.REQUEST_METHOD} ${environ.PATH_INFO} ` +
            "was not checked for a CSRF token (edit starter/signin/csrf.ts).\n",
        );
      }
      return app(environ, startResponse);
    };
}
