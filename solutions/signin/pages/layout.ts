/**
 * The frame around every page: head, navigation, flash messages; and
 * `renderPage`, which answers a request with a page in that frame.
 *
 * Every link and form address is built with `appUrl(environ, path)`, which
 * puts SCRIPT_NAME in front, so the app works mounted under any prefix.
 * Every value goes through the `html` tag, which escapes it: a username
 * like `<script>` shows as text.
 *
 * @example
 * const home: App = (environ, startResponse) =>
 *   renderPage(environ, startResponse, { title: "Home", main: html`<h1>Hello</h1>` });
 */
import { html, htmlResponse, type SafeHtml } from "../../../gateway/html.ts";
import { appUrl } from "../../../gateway/kit/redirects.ts";
import type { Chunk, Environ, StartResponse } from "../../../gateway/types.ts";
import { currentUser } from "../auth.ts";
import { CSRF_FIELD, csrfToken } from "../csrf.ts";
import { takeFlashes } from "../flash.ts";

/**
 * What a credentials form (sign-in, sign-up) shows.
 * @example signinForm({ action: "/signin", csrfToken, username: "ada", error: "Wrong username or password." })
 */
export interface FormView {
  /** Where the form is sent: SCRIPT_NAME and the path, with `?next=` for the sign-in. */
  action: string;
  /** This session's CSRF token, sent back in the hidden field `csrf_token`. */
  csrfToken: string;
  /** What the visitor typed last time (kept when the form comes back with an error). */
  username: string;
  /** Why the form came back, if it did. */
  error?: string;
}

/**
 * One page: its status (default "200 OK"), title and content.
 * @example const page: Page = { status: "422 Unprocessable Content", title: "Sign up", main };
 */
export interface Page {
  status?: string;
  title: string;
  main: SafeHtml;
  /** A line shown with the flash messages, for this page only ("Sign in to see that page."). */
  notice?: string;
}

/**
 * Answers with `page` in the frame.
 * @example return renderPage(environ, startResponse, { title: "Private", main });
 */
export function renderPage(environ: Environ, startResponse: StartResponse, page: Page): Chunk[] {
  return htmlResponse(startResponse, page.status ?? "200 OK", layout(environ, page));
}

function layout(environ: Environ, { title, main, notice }: Page): SafeHtml {
  const flashes = [...takeFlashes(environ), ...(notice === undefined ? [] : [notice])];
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} · Sign-in workshop</title>
<link rel="stylesheet" href="${appUrl(environ, "/static/style.css")}">
</head>
<body>
<header>
<a class="brand" href="${appUrl(environ, "/")}">Sign-in workshop</a>
<nav>${navigation(environ)}</nav>
</header>
${flashes.length > 0 && html`<ul class="flashes" role="status">${flashes.map((message) => html`<li>${message}</li>`)}</ul>`}
<main>
${main}
</main>
</body>
</html>
`;
}

/** A visitor gets links to sign in and up; a user their name and a sign-out button. */
function navigation(environ: Environ): SafeHtml {
  const user = currentUser(environ);
  const privateLink = html`<a href="${appUrl(environ, "/private")}">Private page</a>`;
  if (user === undefined) {
    return html`${privateLink}
<a href="${appUrl(environ, "/signin")}">Sign in</a>
<a href="${appUrl(environ, "/signup")}">Sign up</a>`;
  }
  // Signing out changes something, so it is a POST, with the CSRF token, not a link.
  return html`${privateLink}
<span class="user">Signed in as <strong>${user.username}</strong></span>
<form class="signout" method="post" action="${appUrl(environ, "/signout")}">
<input type="hidden" name="${CSRF_FIELD}" value="${csrfToken(environ)}">
<button type="submit">Sign out</button>
</form>`;
}
