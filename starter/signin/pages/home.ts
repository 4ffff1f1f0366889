/**
 * The home page: who is signed in, and where to go from here.
 *
 * @example
 * renderPage(environ, startResponse, { title: "Home", main: homeMain(environ, currentUser(environ)) });
 */
import { html, type SafeHtml } from "../../../gateway/html.ts";
import { appUrl } from "../../../gateway/kit/redirects.ts";
import type { Environ } from "../../../gateway/types.ts";
import type { UserRecord } from "../users.ts";

/**
 * The home page's content, for a user or a visitor.
 * @example homeMain(environ, undefined); // "You are not signed in." and links
 */
export function homeMain(environ: Environ, user: UserRecord | undefined): SafeHtml {
  if (user !== undefined) {
    return html`<h1>Hello, ${user.username}</h1>
<p>You are signed in. Your <a href="${appUrl(environ, "/private")}">private page</a> is waiting.</p>`;
  }
  return html`<h1>Welcome</h1>
<p>You are not signed in.</p>
<p><a href="${appUrl(environ, "/signin")}">Sign in</a>, or
<a href="${appUrl(environ, "/signup")}">make an account</a>: it takes a username and a password.</p>`;
}
