/**
 * Auto-escaping HTML templates.
 *
 * Every page the workshop renders is built with the `html` tag: each value
 * put into the template is escaped, so text from a request (a username, a
 * query parameter) can never become markup. Only markup built by `html`
 * itself, or marked trusted with `safe()`, goes in unchanged.
 *
 * @example
 * const name = "<script>";
 * String(html`<p>Hello, ${name}!</p>`); // "<p>Hello, &lt;script&gt;!</p>"
 */
import { encode } from "./bytes.ts";
import type { Chunk, Headers, StartResponse } from "./types.ts";

/**
 * Markup that is already safe to send: built by `html`, or vouched for by `safe()`.
 * @example function card(title: string): SafeHtml { return html`<h2>${title}</h2>`; }
 */
export class SafeHtml {
  readonly #markup: string;
  constructor(markup: string) {
    this.#markup = markup;
  }
  toString(): string {
    return this.#markup;
  }
}

const ESCAPES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

/**
 * Escapes text for use in HTML content and in quoted attribute values.
 * @example escapeHtml(`<a href="x">`); // "&lt;a href=&quot;x&quot;&gt;"
 */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => ESCAPES[char] ?? char);
}

/**
 * Marks trusted markup as safe. Use it only for markup your own code made
 * (rendered Markdown from the repository, say), never for request data.
 * @example html`<div>${safe("<b>ours</b>")}</div>`
 */
export function safe(markup: string): SafeHtml {
  return new SafeHtml(markup);
}

/** A value a template may hold: text (escaped), safe markup, or a list of them. */
export type HtmlValue = SafeHtml | string | number | boolean | null | undefined | HtmlValue[];

function render(value: HtmlValue): string {
  if (value instanceof SafeHtml) return value.toString();
  if (Array.isArray(value)) return value.map(render).join("");
  if (value === null || value === undefined || value === false) return "";
  return escapeHtml(String(value));
}

/**
 * The tag: escapes every value, joins lists, drops `null`, `undefined` and `false`
 * (so `${cond && html`...`}` works).
 * @example html`<ul>${items.map((item) => html`<li>${item}</li>`)}</ul>`
 */
export function html(strings: TemplateStringsArray, ...values: HtmlValue[]): SafeHtml {
  let markup = strings[0] ?? "";
  values.forEach((value, i) => {
    markup += render(value) + strings[i + 1];
  });
  return new SafeHtml(markup);
}

/**
 * Starts an HTML response and returns its body, for apps that answer with a page.
 * @example return htmlResponse(startResponse, "404 Not Found", html`<h1>Not found</h1>`);
 */
export function htmlResponse(
  startResponse: StartResponse,
  status: string,
  markup: SafeHtml,
  headers: Headers = [],
): Chunk[] {
  const body = encode(markup.toString());
  startResponse(status, [
    ["Content-Type", "text/html; charset=utf-8"],
    ["Content-Length", String(body.byteLength)],
    ...headers,
  ]);
  return [body];
}
