/**
 * `GET /signin` shows the form; `POST /signin` checks the password and signs
 * the user in, then sends them to `next` (or home).
 *
 * The rules that make it safe, in the order they apply:
 * - the attempt is counted before the password is checked, and refused with
 *   429 past the limits (rate-limit.ts);
 * - an unknown username is checked against a dummy hash: it costs one
 *   scrypt, as a wrong password does, so the time of the answer does not
 *   tell whether the name exists;
 * - unknown username and wrong password get the same answer, word for word;
 * - signing in starts a fresh session with a new id (session-user.ts);
 * - `next` is followed only to a path inside this app (safe-redirect.ts).
 *
 * @example
 * const signin = signinRoutes(context);
 * router([route("GET", "/signin", signin.show), route("POST", "/signin", signin.submit)]);
 */
import { appUrl, seeOther } from "../../../gateway/kit/redirects.ts";
import { query } from "../../../gateway/kit/request.ts";
import type { App, Environ, StartResponse } from "../../../gateway/types.ts";
import type { SigninContext } from "../context.ts";
import { readCredentials } from "../credentials.ts";
import { csrfToken } from "../csrf.ts";
import { flash } from "../flash.ts";
import { renderPage } from "../pages/layout.ts";
import { signinForm } from "../pages/signin.ts";
import { verifyPassword } from "../passwords.ts";
import { safeNext, withNext } from "../safe-redirect.ts";
import { signIn } from "../session-user.ts";
import { normalizeUsername } from "../users.ts";

/** One message for an unknown username and for a wrong password. */
export const WRONG_CREDENTIALS = "Wrong username or password.";

/** Why a visitor sent here from a private page (`?next=`) sees the form. */
export const SIGN_IN_FIRST = "Sign in to see that page.";

/**
 * The two handlers of `/signin`.
 * @example const { show, submit } = signinRoutes(context);
 */
export function signinRoutes(context: SigninContext): { show: App; submit: App } {
  const show: App = (environ, startResponse) => formPage(environ, startResponse, "200 OK", "");

  // #region submit
  const submit: App = async (environ, startResponse) => {
    const { username, password } = await readCredentials(environ);
    if (username.trim() === "" || password === "") {
      const missing = "Enter your username and your password.";
      return formPage(environ, startResponse, "400 Bad Request", username, missing);
    }
    const name = normalizeUsername(username);
    const address = environ.REMOTE_ADDR ?? "";
    await context.limits.attempt(name, address);
    const user = await context.users.byUsername(name);
    const stored = user?.passwordHash ?? context.dummyHash;
    const matches = await verifyPassword(password, stored, context.passwords);
    if (user === undefined || !matches) {
      return formPage(environ, startResponse, "401 Unauthorized", username, WRONG_CREDENTIALS);
    }
    await context.limits.succeeded(name, address);
    signIn(environ, user.id);
    flash(environ, `Welcome back, ${user.username}.`);
    throw seeOther(appUrl(environ, safeNext(query(environ).get("next"))));
  };
  // #endregion submit

  return { show, submit };
}

function formPage(
  environ: Environ,
  startResponse: StartResponse,
  status: string,
  username: string,
  error?: string,
) {
  // A visitor sent here from a private page is told why, until the form has an error to show.
  const notice = error === undefined && query(environ).has("next") ? SIGN_IN_FIRST : undefined;
  const action = withNext(appUrl(environ, "/signin"), query(environ).get("next"));
  const view = { action, csrfToken: csrfToken(environ), username, error };
  const main = signinForm(view);
  return renderPage(environ, startResponse, { status, title: "Sign in", main, notice });
}
