/**
 * `GET /signup` shows the form; `POST /signup` makes the account and signs
 * the new user in.
 *
 * A form with a problem comes back with the message and the username kept:
 * 422 for a username or password that breaks a rule (validation.ts), 409
 * for a username that is taken. Past 20 sign-ups from one address in 15
 * minutes, the answer is 429 (rate-limit.ts): each one costs a slow hash. Saying "taken" tells that the name exists;
 * a sign-up form cannot avoid it, which is one more reason the sign-in
 * form never does (routes/signin.ts).
 *
 * @example
 * const signup = signupRoutes(context);
 * router([route("GET", "/signup", signup.show), route("POST", "/signup", signup.submit)]);
 */
import { appUrl, seeOther } from "../../../gateway/kit/redirects.ts";
import type { App, Environ, StartResponse } from "../../../gateway/types.ts";
import type { SigninContext } from "../context.ts";
import { readCredentials } from "../credentials.ts";
import { csrfToken } from "../csrf.ts";
import { flash } from "../flash.ts";
import { renderPage } from "../pages/layout.ts";
import { signupForm } from "../pages/signup.ts";
import { hashPassword } from "../passwords.ts";
import { signIn } from "../session-user.ts";
import { passwordProblem, usernameProblem } from "../validation.ts";

/**
 * The two handlers of `/signup`.
 * @example const { show, submit } = signupRoutes(context);
 */
export function signupRoutes(context: SigninContext): { show: App; submit: App } {
  const show: App = (environ, startResponse) => formPage(environ, startResponse, "200 OK", "");

  const submit: App = async (environ, startResponse) => {
    const { username, password } = await readCredentials(environ);
    const problem = usernameProblem(username) ?? passwordProblem(password, username);
    if (problem !== undefined) {
      return formPage(environ, startResponse, "422 Unprocessable Content", username, problem);
    }
    // Counted once the form is sound, before the slow hash (rate-limit.ts).
    await context.limits.signUp(environ.REMOTE_ADDR ?? "");
    const user = await context.users.add(username, await hashPassword(password, context.passwords));
    if (user === undefined) {
      const taken = "That username is taken: choose another.";
      return formPage(environ, startResponse, "409 Conflict", username, taken);
    }
    signIn(environ, user.id);
    flash(environ, `Welcome, ${user.username}! Your account is ready.`);
    throw seeOther(appUrl(environ, "/"));
  };

  return { show, submit };
}

function formPage(
  environ: Environ,
  startResponse: StartResponse,
  status: string,
  username: string,
  error?: string,
) {
  const view = {
    action: appUrl(environ, "/signup"),
    csrfToken: csrfToken(environ),
    username,
    error,
  };
  return renderPage(environ, startResponse, { status, title: "Sign up", main: signupForm(view) });
}
