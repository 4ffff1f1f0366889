/**
 * Exercise 03-echo-form: read the request body.
 *
 * `GET /` already answers a page with a form. When the form is sent, the
 * browser POSTs its fields as the request body, encoded like a query
 * string: `name=Ada&message=Hi+there`.
 *
 * For a POST, read the whole body from `environ["gateway.input"]` (an
 * async iterable of byte chunks: `collect` joins them), decode the bytes
 * to text, parse the fields with `URLSearchParams`, and answer "200 OK"
 * with an HTML page that lists every field as `<li>NAME: VALUE</li>`, in
 * the order they came, escaped with the `html` tag.
 *
 * Check it: npm run learn -- check 03-echo-form
 * Read: lessons/03-gateway-app/README.md, "Exercise: echo a form".
 */
import { html, htmlResponse } from "../../gateway/html.ts";
import { collect, decode } from "../../gateway/bytes.ts";
import type { App } from "../../gateway/types.ts";

const form = html`<form method="post">
  <p><label>Name <input name="name"></label></p>
  <p><label>Message <input name="message"></label></p>
  <p><button>Send</button></p>
</form>`;

export const app: App = async (environ, startResponse) => {
  if (environ.REQUEST_METHOD !== "POST") return htmlResponse(startResponse, "200 OK", form);
  const text = decode(await collect(environ["gateway.input"], { limit: 1_000_000 }));
  const items = [...new URLSearchParams(text)].map(([n, v]) => html`<li>${n}: ${v}</li>`);
  return htmlResponse(startResponse, "200 OK", html`<ul>${items}</ul>`);
};
