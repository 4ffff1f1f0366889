/**
 * The private page: only a signed-in user sees it (`requireUser` guards its route).
 *
 * @example
 * renderPage(environ, startResponse, { title: "Private", main: privateMain(user) });
 */
import { html, type SafeHtml } from "../../../gateway/html.ts";
import type { UserRecord } from "../users.ts";

/**
 * The private page's content.
 * @example privateMain(user); // "<h1>Private page</h1> ..."
 */
export function privateMain(user: UserRecord): SafeHtml {
  return html`<h1>Private page</h1>
<p>Only you can see this page, <strong>${user.username}</strong>.</p>
<p>Your account was made on <time datetime="${user.createdAt}">${user.createdAt.slice(0, 10)}</time>.</p>`;
}
