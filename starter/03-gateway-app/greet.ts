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

export const app: App = (_environ, startResponse) => {
  // (The _ in _environ marks it unused for now: drop it when you use it.)
  // TODO: read the name from environ.QUERY_STRING ("World" when there is none).
  // TODO: answer 200 OK with <p>Hello, NAME!</p>, the name escaped by the html tag.
  const todo = html`<p>Not done yet: edit starter/03-gateway-app/greet.ts</p>`;
  return htmlResponse(startResponse, "501 Not Implemented", todo);
};
