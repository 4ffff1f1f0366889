/**
 * Markdown to HTML, for the lesson texts.
 *
 * The lessons are Markdown files from this repository, so the HTML that
 * `marked` makes from them is trusted and marked `safe`. Never pass text
 * from a request through here: `marked` keeps raw HTML as it is.
 *
 * On top of plain GFM, a lesson page needs three things, done here:
 * - code blocks highlighted on the server (highlight.ts), one span per line
 *   (code-lines.ts), so that long lines wrap instead of running off the page;
 * - an `id` on every heading, made as GitHub makes it (github-slugger), so
 *   a link to `README.md#exercise-add-a-header` works on GitHub and on the
 *   home alike, and a list of the headings for the table of contents;
 * - links rewritten by the caller's `link` function (the lesson page sends
 *   demo addresses through the home: see demo-links.ts).
 *
 * @example
 * const { body, headings } = renderDocument("# Hello\n\n## Part one\n");
 * headings; // [{ depth: 1, id: "hello", text: "Hello" }, { depth: 2, id: "part-one", text: "Part one" }]
 */
import GithubSlugger from "github-slugger";
import { Marked, type Tokens } from "marked";
import { html, type SafeHtml, safe } from "../gateway/html.ts";
import { codeLines } from "./code-lines.ts";

/** One heading of a document: its level, its anchor and its text. */
export interface Heading {
  depth: number;
  id: string;
  text: string;
}

/** A rendered document, and its headings in order. */
export interface RenderedDocument {
  body: SafeHtml;
  headings: Heading[];
}

/** How to render: `link` maps each link's address to the one the page should use. */
export interface RenderOptions {
  link?: (href: string) => string;
}

const inline = new Marked({ gfm: true });

/**
 * Renders a whole Markdown document, with its headings.
 * @example renderDocument("Some *text*").body; // <p>Some <em>text</em></p>
 */
export function renderDocument(markdown: string, options: RenderOptions = {}): RenderedDocument {
  const headings: Heading[] = [];
  const slugger = new GithubSlugger();
  const marked = new Marked({
    gfm: true,
    walkTokens(token) {
      if (token.type === "link" && options.link) token.href = options.link(token.href);
    },
    renderer: {
      heading({ tokens, depth }: Tokens.Heading) {
        const text = this.parser.parseInline(tokens, this.parser.textRenderer);
        const id = slugger.slug(text);
        headings.push({ depth, id, text });
        const content = safe(this.parser.parseInline(tokens));
        return String(
          html`<h${depth} id="${id}">${content} <a class="anchor" href="#${id}" aria-label="Link to this section">#</a></h${depth}>\n`,
        );
      },
      code({ text, lang }: Tokens.Code) {
        const language = lang?.trim().split(/\s+/)[0] || undefined;
        const lines = codeLines(text, language).map(
          (line) => html`<span class="line">${line}</span>`,
        );
        return String(
          html`<pre class="code"><code class="hljs${language && ` language-${language}`}">${lines}</code></pre>\n`,
        );
      },
    },
  });
  const body = safe(marked.parse(markdown, { async: false }));
  return { body, headings };
}

/**
 * Renders a whole Markdown document.
 * @example renderMarkdown("Some *text*"); // <p>Some <em>text</em></p>
 */
export function renderMarkdown(markdown: string, options: RenderOptions = {}): SafeHtml {
  return renderDocument(markdown, options).body;
}

/**
 * Renders one line of Markdown, without the enclosing paragraph, its links
 * mapped by `options.link` as in `renderDocument`.
 * @example renderInline("Uses `fetch`"); // Uses <code>fetch</code>
 */
export function renderInline(markdown: string, options: RenderOptions = {}): SafeHtml {
  const { link } = options;
  const marked =
    link === undefined
      ? inline
      : new Marked({
          gfm: true,
          walkTokens(token) {
            if (token.type === "link") token.href = link(token.href);
          },
        });
  return safe(marked.parseInline(markdown, { async: false }));
}
