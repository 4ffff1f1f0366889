/**
 * Exercise 11-signin-form: the sign-in form.
 *
 * Write `signinForm(view)`: the content of the sign-in page, built with the
 * `html` tag, which escapes every value (never build markup by adding
 * strings). pages/signup.ts is the sign-up form: yours is much the same.
 *   - a heading, "Sign in";
 *   - `view.error`, when there is one, in a `<p class="error" role="alert">`;
 *   - a form that POSTs to `view.action` (it carries `?next=`) with
 *     - a hidden field named `CSRF_FIELD`, holding `view.csrfToken`;
 *     - a `username` field, holding `view.username` (so a mistyped password
 *       does not cost retyping the name), `autocomplete="username"`;
 *     - a `password` field, `type="password"`, always empty,
 *       `autocomplete="current-password"`;
 *     - a submit button, "Sign in".
 * Give each field a `<label for="...">`: screen readers announce it, and a
 * click on it puts the cursor in the field.
 *
 * Check it: npm run learn -- check 11-signin-form
 * Read: lessons/11-sign-in/README.md, "Exercise: the sign-in form".
 */
import { html, type SafeHtml } from "../../../gateway/html.ts";
import { CSRF_FIELD } from "../csrf.ts";
import type { FormView } from "./layout.ts";

/**
 * The sign-in page's content: the error if the form came back, then the form.
 * @example signinForm({ action: "/signin?next=/private", csrfToken, username: "" })
 */
export function signinForm(view: FormView): SafeHtml {
  return html`<h1>Sign in</h1>
${view.error && html`<p class="error" role="alert">${view.error}</p>`}
<form method="post" action="${view.action}">
<input type="hidden" name="${CSRF_FIELD}" value="${view.csrfToken}">
<label for="username">Username</label>
<input id="username" name="username" value="${view.username}" autocomplete="username" required>
<label for="password">Password</label>
<input id="password" name="password" type="password" autocomplete="current-password" required>
<button type="submit">Sign in</button>
</form>`;
}
