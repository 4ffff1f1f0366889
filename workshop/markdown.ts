/**
 * Markdown to HTML, for the lesson texts.
 *
 * The lessons are Markdown files from this repository, so the HTML that
 * `marked` makes from them is trusted and marked `safe`. Never pass text
 * from a request through here: `marked` keeps raw HTML as it is.
 *
 * @example
 * html`<article>${renderMarkdown("# Hello\n\nWorld")}</article>`;
 */
import { Marked } from "marked";
import { type SafeHtml, safe } from "../gateway/html.ts";

const marked = new Marked({ gfm: true });

/**
 * Renders a whole Markdown document.
 * @example renderMarkdown("Some *text*"); // <p>Some <em>text</em></p>
 */
export function renderMarkdown(markdown: string): SafeHtml {
  return safe(marked.parse(markdown, { async: false }));
}

/**
 * Renders one line of Markdown, without the enclosing paragraph.
 * @example renderInline("Uses `fetch`"); // Uses <code>fetch</code>
 */
export function renderInline(markdown: string): SafeHtml {
  return safe(marked.parseInline(markdown, { async: false }));
}
