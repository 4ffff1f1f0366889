/**
 * Exercise 11-require-user: keep visitors out of the private pages.
 *
 * `loadUser(users)` (written for you) runs before every route: it finds the
 * signed-in user from the session, waiting for the store's answer (the
 * store may be a database server: its answers are promises), and
 * `currentUser(environ)` returns that user, or `undefined` for a visitor,
 * with no waiting.
 *
 * Write the middleware `requireUser()`. The app it wraps (the private page)
 * is called only for a signed-in user. A visitor is sent to the sign-in
 * form instead, with where they wanted to go, so that signing in brings
 * them back: `throw seeOther(...)` to
 *
 *   appUrl(environ, "/signin") + "?next=" + the path they asked for
 *
 * The path they asked for is `PATH_INFO`, with `?` and `QUERY_STRING` when
 * there is one; `withNext(url, next)` from safe-redirect.ts adds it to the
 * URL, escaped. `appUrl` puts SCRIPT_NAME in front: mounted at `/accounts`,
 * a visitor to `/accounts/private` goes to `/accounts/signin?next=/private`.
 *
 * Check it: npm run learn -- check 11-require-user
 * Read: lessons/11-sign-in/README.md, "Exercise: protect the private page".
 */
import { appUrl, seeOther } from "../../gateway/kit/redirects.ts";
import type { Environ, Middleware } from "../../gateway/types.ts";
import { withNext } from "./safe-redirect.ts";
import { currentUserId } from "./session-user.ts";
import type { UserRecord, Users } from "./users.ts";

/** Where `loadUser` keeps the user for the rest of the request. */
const USER_KEY = "signin.user";

/**
 * Finds the signed-in user, once per request, for `currentUser` to return.
 * A session whose user no longer exists counts as no user. The store
 * answers with a promise, so this middleware is async: it waits for the
 * user before calling the app, and `currentUser` below needs no `await`.
 * @example sessions({ keys })(loadUser(users)(router(routes)))
 */
export function loadUser(users: Users): Middleware {
  return (app) =>
    async function withUser(environ, startResponse) {
      const id = currentUserId(environ);
      environ[USER_KEY] = id === undefined ? undefined : await users.byId(id);
      return app(environ, startResponse);
    };
}

/**
 * The signed-in user, or `undefined` for a visitor.
 * @example const user = currentUser(environ); html`<p>Signed in as ${user?.username}</p>`
 */
export function currentUser(environ: Environ): UserRecord | undefined {
  return environ[USER_KEY] as UserRecord | undefined;
}

/**
 * Lets signed-in users through; sends visitors to the sign-in form, with `next`.
 * @example route("GET", "/private", requireUser()(privatePage))
 */
export function requireUser(): Middleware {
  return (app) =>
    function signedInOnly(environ, startResponse) {
      if (currentUser(environ) === undefined) {
        const query = environ.QUERY_STRING ? `?${environ.QUERY_STRING}` : "";
        const here = (environ.PATH_INFO || "/") + query;
        throw seeOther(withNext(appUrl(environ, "/signin"), here));
      }
      return app(environ, startResponse);
    };
}
