/**
 * Exercise 03-greet-by-name: read the query string.
 *
 * `GET /?name=Ada` must answer an HTML page that says `Hello, Ada!`.
 * Without a name (or with an empty one) it says `Hello, World!`.
 *
 * - Read the name from `environ.QUERY_STRING` (it is raw: "name=Ada%20L",
 *   without the "?"). `URLSearchParams` decodes it for you.
 * - Answer "200 OK" with an HTML page holding `<p>Hello, NAME!</p>`,
 *   with `Content-Type: text/html; charset=utf-8`.
 * - The name comes from a stranger: put it in the page with the `html`
 *   tag, which escapes it, so `?name=<script>` shows as text.
 *   `htmlResponse(startResponse, status, markup)` starts the response
 *   and returns the body for you.
 *
 * Check it: npm run learn -- check 03-greet-by-name
 * Read: lessons/03-gateway-app/README.md, "Exercise: greet by name".
 */
import { html, htmlResponse } from "../../gateway/html.ts";
import type { App } from "../../gateway/types.ts";

// Step: read the name from the query string ("World" when there is none).
export const app: App = (environ, startResponse) => {
  // URLSearchParams undoes the percent-encoding and turns "+" into a space.
  const name = new URLSearchParams(environ.QUERY_STRING).get("name") || "World";
  // Step: answer 200 with the greeting as HTML, the name escaped.
  // html`...` escapes every value put into it: a name can never become markup.
  return htmlResponse(startResponse, "200 OK", html`<p>Hello, ${name}!</p>`);
};
