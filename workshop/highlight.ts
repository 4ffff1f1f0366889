/**
 * Syntax highlighting for the home's code: lesson code blocks and source pages.
 *
 * highlight.js runs here, on the server, so a page arrives coloured with no
 * script. Only the languages the workshop shows are loaded: TypeScript and
 * JavaScript, JSON, shell commands and sessions, HTTP exchanges, and the
 * nginx and Apache configs of lesson 12. Its output is markup made of
 * `<span class="hljs-...">` around escaped text, so it is safe to put in a
 * page; `code.css` gives the classes their colours, one theme shared with
 * the slides.
 *
 * A code block names its language after its fence (```ts). A file's
 * language comes from its name (`languageOfFile`).
 *
 * @example
 * html`<pre><code>${highlight('const a = "b";', "ts")}</code></pre>`;
 */
import hljs from "highlight.js/lib/core";
import apache from "highlight.js/lib/languages/apache";
import bash from "highlight.js/lib/languages/bash";
import css from "highlight.js/lib/languages/css";
import diff from "highlight.js/lib/languages/diff";
import ini from "highlight.js/lib/languages/ini";
import javascript from "highlight.js/lib/languages/javascript";
import json from "highlight.js/lib/languages/json";
import nginx from "highlight.js/lib/languages/nginx";
import shell from "highlight.js/lib/languages/shell";
import sql from "highlight.js/lib/languages/sql";
import typescript from "highlight.js/lib/languages/typescript";
import xml from "highlight.js/lib/languages/xml";
import { html, type SafeHtml, safe } from "../gateway/html.ts";
import { httpTranscript } from "./http-transcript.ts";

for (const [name, language] of Object.entries({
  apache,
  bash,
  css,
  diff,
  ini,
  javascript,
  json,
  nginx,
  shell,
  sql,
  typescript,
  xml,
  http: httpTranscript,
})) {
  hljs.registerLanguage(name, language);
}

/** File names and extensions, and the language they hold. */
const FILE_LANGUAGES: Array<[pattern: RegExp, language: string]> = [
  [/\.[cm]?tsx?$/, "typescript"],
  [/\.[cm]?jsx?$/, "javascript"],
  [/\.json$/, "json"],
  [/\.(sh|bash)$/, "bash"],
  [/\.(html?|svg|xml)$/, "xml"],
  [/\.css$/, "css"],
  [/\.sql$/, "sql"],
  [/nginx[^/]*\.conf(\.template)?$/, "nginx"],
  [/(httpd|apache)[^/]*\.conf(\.template)?$/, "apache"],
  [/\.(ini|conf)$/, "ini"],
];

/**
 * The language of a file, by its name; undefined for text with no grammar here.
 * @example languageOfFile("nginx/nginx.conf.template"); // "nginx"
 */
export function languageOfFile(name: string): string | undefined {
  return FILE_LANGUAGES.find(([pattern]) => pattern.test(name.toLowerCase()))?.[1];
}

/**
 * `code`, highlighted as `language` (a fence's name, such as "ts", "sh" or
 * "http"); escaped and uncoloured when the language is unknown or absent.
 * @example String(highlight("let a = 1;", "ts")); // '<span class="hljs-keyword">let</span> a = ...'
 */
export function highlight(code: string, language: string | undefined): SafeHtml {
  if (language === undefined || hljs.getLanguage(language) === undefined) return html`${code}`;
  return safe(hljs.highlight(code, { language, ignoreIllegals: true }).value);
}
