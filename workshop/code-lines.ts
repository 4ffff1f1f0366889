/**
 * Code, highlighted and cut into lines, for the home's code blocks and source pages.
 *
 * Each line becomes a `<span class="line">` of its own, so that style.css
 * can wrap a long line with its continuation indented (no block scrolls
 * sideways), and a source page can number its lines. highlight.js's markup
 * is not cut so easily: a comment or a template string spans several lines,
 * inside one `<span>`. `splitLines` closes the spans still open at the end
 * of each line and opens them again on the next, so every line stands alone.
 *
 * @example
 * html`<pre><code>${codeLines(source, "ts").map((line) => html`<span class="line">${line}</span>`)}</code></pre>`;
 */
import { type SafeHtml, safe } from "../gateway/html.ts";
import { highlight } from "./highlight.ts";

const TAG_OR_NEWLINE = /<span[^>]*>|<\/span>|\n/g;

/**
 * `code`, highlighted as `language`, one piece of markup per line (without its "\n").
 * @example codeLines("a\nb", undefined).map(String); // ["a", "b"]
 */
export function codeLines(code: string, language: string | undefined): SafeHtml[] {
  return splitLines(String(highlight(code, language))).map(safe);
}

/**
 * Cuts highlighted markup at each "\n", closing the spans open there and
 * opening them again on the next line.
 * @example splitLines('<span class="c">/* a\nb *\/</span>'); // ['<span class="c">/* a</span>', '<span class="c">b *\/</span>']
 */
export function splitLines(markup: string): string[] {
  const lines: string[] = [];
  const open: string[] = [];
  let line = "";
  let last = 0;
  for (const match of markup.matchAll(TAG_OR_NEWLINE)) {
    const [token] = match;
    line += markup.slice(last, match.index);
    last = match.index + token.length;
    if (token === "\n") {
      lines.push(line + "</span>".repeat(open.length));
      line = open.join("");
    } else {
      line += token;
      if (token === "</span>") open.pop();
      else open.push(token);
    }
  }
  lines.push(line + markup.slice(last));
  return lines;
}
