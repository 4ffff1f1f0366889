/**
 * The slides' pages: the list of decks, and one deck presented with reveal.js.
 *
 * A deck's page is a whole document of its own (reveal.js takes the whole
 * window), not the home's layout. The deck's Markdown goes into the page
 * inside a `<textarea data-template>`, which reveal.js's Markdown plugin
 * reads and turns into slides in the browser. It goes in through `html`,
 * escaped: the browser decodes `&lt;` back to `<` in a textarea, so the
 * plugin sees the Markdown as written, while a `</textarea>` in a deck can
 * never end the textarea early and turn the rest into markup.
 *
 * @example
 * htmlResponse(startResponse, "200 OK", deckPage("", await readDeck("slides", "03-gateway-app")));
 */
import { html, type SafeHtml, safe } from "../gateway/html.ts";
import { layout } from "./layout.ts";
import type { Deck } from "./slides.ts";
import { urlFor } from "./urls.ts";

/** reveal.js's plugins the decks use, by the global each script defines. */
const PLUGINS: Array<[file: string, global: string]> = [
  ["plugin/markdown.js", "RevealMarkdown"],
  ["plugin/highlight.js", "RevealHighlight"],
  ["plugin/notes.js", "RevealNotes"],
];

/**
 * The theme, fitted to the decks: a slide holds a dozen lines of code of up to
 * 100 characters, and a table of five rows, without running off the screen.
 */
const FIT = `:root { --r-main-font-size: 30px; --r-heading-text-transform: none; }
.reveal pre { width: 100%; font-size: 0.6em; }
.reveal pre code { max-height: 520px; }
.reveal table { font-size: 0.8em; }`;

/**
 * The URL of one of reveal.js's files, as the home serves them.
 * @example revealUrl("/workshop", "reveal.css"); // "/workshop/slides/reveal/reveal.css"
 */
export function revealUrl(root: string, file: string): string {
  return urlFor(root, `/slides/reveal/${file}`);
}

/**
 * The URL of a deck.
 * @example deckUrl("", "03-gateway-app"); // "/slides/03-gateway-app"
 */
export function deckUrl(root: string, name: string): string {
  return urlFor(root, `/slides/${name}`);
}

/**
 * The list of decks, each a link to its presentation.
 * @example deckListPage("", await listDecks("slides"));
 */
export function deckListPage(root: string, decks: Deck[]): SafeHtml {
  const list = decks.length
    ? html`<ol class="decks">${decks.map((deck) => html`<li><a href="${deckUrl(root, deck.name)}">${deck.title}</a></li>`)}</ol>`
    : html`<p>No decks yet: each is a Markdown file such as <code>slides/01-http-by-hand.md</code>.</p>`;
  const content = html`<h1>Slides</h1>
<p class="lead">The talk, one deck per lesson. Arrow keys move between slides, <kbd>S</kbd>
opens the speaker notes, <kbd>F</kbd> goes full screen and <kbd>Esc</kbd> shows every slide at once.</p>
${list}`;
  return layout({ root, title: "Slides", content });
}

/**
 * A deck, presented by reveal.js from files the home serves.
 * @example deckPage("", { name: "01-http-by-hand", title: "HTTP by hand", markdown: "# HTTP by hand" });
 */
export function deckPage(root: string, deck: Deck): SafeHtml {
  const scripts = ["reveal.js", ...PLUGINS.map(([file]) => file)];
  const plugins = PLUGINS.map(([, global]) => global).join(", ");
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${deck.title} · Slides · The Gateway Interface workshop</title>
<link rel="stylesheet" href="${revealUrl(root, "reveal.css")}">
<link rel="stylesheet" href="${revealUrl(root, "theme/white.css")}">
<link rel="stylesheet" href="${revealUrl(root, "plugin/highlight/monokai.css")}">
<style>${safe(FIT)}</style>
</head>
<body>
<div class="reveal"><div class="slides">
<section data-markdown data-separator="^\\r?\\n---\\r?\\n$" data-separator-vertical="^\\r?\\n--\\r?\\n$" data-separator-notes="^Note:"><textarea data-template>
${deck.markdown}
</textarea></section>
</div></div>
${scripts.map((file) => html`<script src="${revealUrl(root, file)}"></script>\n`)}<script>
Reveal.initialize({ hash: true, slideNumber: "c/t", width: 1280, height: 720, plugins: [${plugins}] });
</script>
</body>
</html>
`;
}
