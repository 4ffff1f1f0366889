/**
 * The sign-up form.
 *
 * A plain HTML form that works with no JavaScript: the browser POSTs it
 * with the CSRF token in a hidden field. The `autocomplete` names tell
 * password managers to offer a new, generated password.
 *
 * @example
 * signupForm({ action: appUrl(environ, "/signup"), csrfToken: csrfToken(environ), username: "" });
 */
import { html, type SafeHtml } from "../../../gateway/html.ts";
import { CSRF_FIELD } from "../csrf.ts";
import { PASSWORD_MIN, USERNAME_MAX, USERNAME_MIN } from "../validation.ts";
import type { FormView } from "./layout.ts";

/**
 * The sign-up page's content: the error if the form came back, then the form.
 * @example signupForm({ action: "/signup", csrfToken, username: "ada", error: "That username is taken." })
 */
export function signupForm(view: FormView): SafeHtml {
  return html`<h1>Sign up</h1>
${view.error && html`<p class="error" role="alert">${view.error}</p>`}
<form method="post" action="${view.action}">
<input type="hidden" name="${CSRF_FIELD}" value="${view.csrfToken}">
<label for="username">Username</label>
<input id="username" name="username" value="${view.username}" autocomplete="username" required>
<p class="hint">${USERNAME_MIN} to ${USERNAME_MAX} letters, digits, dots, dashes or underscores.</p>
<label for="password">Password</label>
<input id="password" name="password" type="password" autocomplete="new-password" required>
<p class="hint">At least ${PASSWORD_MIN} characters. A few words you will remember make a good one.</p>
<button type="submit">Sign up</button>
</form>`;
}
