/**
 * A source file as the home shows it: highlighted, its lines numbered, and
 * without the `#region` markers that `npm run docs` reads.
 *
 * The markers are for the tools (scripts/docs/regions.ts), not for a
 * reader, so their lines are left out; the other lines keep their numbers in
 * the file, so "app.ts:42" in a stack trace is line 42 here too, and
 * `#L42` links to it.
 *
 * @example
 * html`<pre class="code numbered">${sourceView(await readFile(path, "utf8"), "app.ts")}</pre>`;
 */
import { html, type SafeHtml } from "../gateway/html.ts";
import { isRegionMarker } from "../scripts/docs/regions.ts";
import { codeLines } from "./code-lines.ts";
import { languageOfFile } from "./highlight.ts";

/**
 * The numbered, highlighted lines of `source` (named `fileName`), in a `<pre>`.
 * @example sourceView("// #region a\nlet a = 1;\n// #endregion a\n", "a.ts"); // one line, numbered 2
 */
export function sourceView(source: string, fileName: string): SafeHtml {
  const numbered = source
    .replace(/\r?\n$/, "")
    .split(/\r?\n/)
    .map((text, index) => ({ text, number: index + 1 }))
    .filter(({ text }) => !isRegionMarker(text));
  const language = languageOfFile(fileName);
  const lines = codeLines(numbered.map(({ text }) => text).join("\n"), language);
  const rows = numbered.map(
    ({ number }, index) =>
      html`<span class="line" id="L${number}" data-line="${number}">${lines[index]}</span>`,
  );
  return html`<pre class="code numbered"><code class="hljs${language && ` language-${language}`}">${rows}</code></pre>`;
}
