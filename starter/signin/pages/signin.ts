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
import type { SafeHtml } from "../../../gateway/html.ts";
import { notDone } from "../not-done.ts";
import type { FormView } from "./layout.ts";

/**
 * The sign-in page's content: the error if the form came back, then the form.
 * @example signinForm({ action: "/signin?next=/private", csrfToken, username: "" })
 */
export function signinForm(view: FormView): SafeHtml {
  // TODO: return the heading, the error (when view.error is set) and the
  // form, all in one html`...` template (import html from gateway/html.ts,
  // and CSRF_FIELD from ../csrf.ts). Then delete the line below.
  throw notDone("11-signin-form", "pages/signin.ts", view);
}
