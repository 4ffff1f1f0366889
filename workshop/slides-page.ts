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
 * A lesson's deck is framed by two slides made here, from the one source of
 * each fact: the title slide, with the lesson's title from its README, and
 * a last slide linking to the lesson, its exercises (from the manifest) and
 * the next deck. The canvas is 1920 by 1080, code is 32 px on a 1080p screen (3% of its
 * height, readable from the back of a room), wraps instead of running off
 * the slide, and takes code.css's high-contrast colours.
 *
 * @example
 * htmlResponse(startResponse, "200 OK", deckPage("", await readDeck("slides", "03-gateway-app")));
 */
import { html, type SafeHtml, safe } from "../gateway/html.ts";
import { layout } from "./layout.ts";
import type { Exercise } from "./manifest.ts";
import type { Deck } from "./slides.ts";
import { exerciseUrl, lessonUrl, urlFor } from "./urls.ts";

/** reveal.js's plugins the decks use, by the global each script defines. */
const PLUGINS: Array<[file: string, global: string]> = [
  ["plugin/markdown.js", "RevealMarkdown"],
  ["plugin/highlight.js", "RevealHighlight"],
  ["plugin/notes.js", "RevealNotes"],
];

/**
 * The canvas, in CSS pixels: a 1080p projector's, scaled to fit any window.
 * reveal.js keeps a margin around it (a fraction of the window), and shrinks
 * the canvas by as much: with its default 4%, 32 px came out at 30.7 on a
 * 1080p screen. A 2% margin shrinks it by 0.98, which the code's size makes up.
 */
const CANVAS = { width: 1920, height: 1080, margin: 0.02 };

/**
 * The theme, fitted to the decks: a slide holds a dozen lines of code at
 * 33 px, shown at 32 px on a 1080p screen (lines past 94 characters wrap
 * rather than run off the slide), and a table of five rows, without running
 * off the screen. The theme's own `.code-wrapper code` rule says
 * `white-space: pre`, and outranks `.reveal pre code`: the wrap names it too.
 */
const FIT = `:root { --r-main-font-size: 45px; --r-heading-text-transform: none; }
.reveal pre { width: 100%; font-size: 33px; line-height: 1.35; box-shadow: none; }
.reveal pre code { max-height: none; overflow: visible; padding: 0.5em 0.75em; }
.reveal pre code, .reveal .code-wrapper code { white-space: pre-wrap; overflow-wrap: anywhere; }
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

/** What a lesson's last slide links to besides the lesson. */
export interface DeckLinks {
  /** The lesson's exercises, from the manifest. */
  exercises: readonly Exercise[];
  /** The deck after this one. */
  next?: Deck;
}

/**
 * A deck, presented by reveal.js from files the home serves.
 * @example deckPage("", { name: "01-http-by-hand", title: "HTTP by hand", markdown: "# HTTP by hand" });
 */
export function deckPage(root: string, deck: Deck, links: DeckLinks = { exercises: [] }): SafeHtml {
  const scripts = ["reveal.js", ...PLUGINS.map(([file]) => file)];
  const plugins = PLUGINS.map(([, global]) => global).join(", ");
  return html`<!doctype html>
<html lang="en" class="deck">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${deck.title} · Slides · The Gateway Interface workshop</title>
<link rel="icon" href="${urlFor(root, "/favicon.svg")}" type="image/svg+xml">
<link rel="stylesheet" href="${revealUrl(root, "reveal.css")}">
<link rel="stylesheet" href="${revealUrl(root, "theme/white.css")}">
<link rel="stylesheet" href="${urlFor(root, "/code.css")}">
<style>${safe(FIT)}</style>
</head>
<body>
<div class="reveal"><div class="slides">
<section data-markdown data-separator="^\\r?\\n---\\r?\\n$" data-separator-vertical="^\\r?\\n--\\r?\\n$" data-separator-notes="^Note:"><textarea data-template>
${deckMarkdown(root, deck, links)}
</textarea></section>
</div></div>
${scripts.map((file) => html`<script src="${revealUrl(root, file)}"></script>\n`)}<script>
Reveal.initialize({ hash: true, slideNumber: "c/t", width: ${CANVAS.width}, height: ${CANVAS.height}, margin: ${CANVAS.margin}, plugins: [${plugins}] });
</script>
</body>
</html>
`;
}

/**
 * The Markdown reveal.js presents: a lesson's deck between its title slide
 * and its last slide; any other deck as it is.
 * @example deckMarkdown("", deck, { exercises: [] });
 */
export function deckMarkdown(root: string, deck: Deck, { exercises, next }: DeckLinks): string {
  const { lesson } = deck;
  if (lesson === undefined) return deck.markdown;
  const own = exercises.filter((exercise) => exercise.lesson === lesson.slug);
  const items = [
    `- Read the lesson: [${escapeMarkdown(deck.title)}](${lessonUrl(root, lesson.slug)})`,
    own.length > 0 &&
      `- Its exercises (\`npm run learn\` checks them): ${own.map((exercise) => `[${exercise.id}](${exerciseUrl(root, exercise.id)})`).join(" · ")}`,
    next && `- The next deck: [${escapeMarkdown(next.title)}](${deckUrl(root, next.name)})`,
  ];
  return `# ${escapeMarkdown(deck.title)}

${deck.markdown.trim()}

---

## Where next

${items.filter(Boolean).join("\n")}

Note:
The lesson's text has every step and command, for those who work on at home.
${own.length > 0 ? "Each exercise's test says when it is done; npm run learn reruns it on every save.\n" : ""}${next ? `Next: ${next.title}.` : "This was the last deck."}
`;
}

/** Text put in a Markdown link's label, with the characters Markdown reads escaped. */
function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_[\]<>]/g, "\\$&");
}
