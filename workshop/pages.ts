/**
 * The workshop home's pages: the lesson index, a lesson, a file or folder
 * inside a lesson, and the error page.
 *
 * Each function takes what it shows and returns a whole document, built
 * with `html` (which escapes every value) inside the shared `layout`. Only
 * the Markdown rendered from the repository's own READMEs goes in as-is.
 *
 * @example
 * htmlResponse(startResponse, "200 OK", indexPage("", await listLessons(lessonsDir)));
 */
import { html, type SafeHtml } from "../gateway/html.ts";
import { layout } from "./layout.ts";
import type { Lesson } from "./lessons.ts";
import { renderInline, renderMarkdown } from "./markdown.ts";
import { lessonUrl, urlFor } from "./urls.ts";

/**
 * The home page: every lesson, with its number, title and summary.
 * @example indexPage("", lessons);
 */
export function indexPage(root: string, lessons: Lesson[]): SafeHtml {
  const list = lessons.length
    ? html`<ol class="lessons">${lessons.map((lesson) => lessonItem(root, lesson))}</ol>`
    : html`<p>No lessons yet: each lives in a folder such as
<code>lessons/01-http-by-hand/</code>, with a <code>README.md</code>.</p>`;
  const content = html`<h1>The Gateway Interface workshop</h1>
<p class="lead">One small interface between web servers and web apps, as in Python's WSGI
(PEP 3333), built up in TypeScript from raw HTTP to a deployed app.</p>
<h2>Lessons</h2>
${list}`;
  return layout({ root, title: "Lessons", content });
}

function lessonItem(root: string, lesson: Lesson): SafeHtml {
  return html`<li>
<a href="${lessonUrl(root, lesson.slug)}"><span class="number">${lesson.number}</span> ${lesson.title}</a>
<p>${renderInline(lesson.summary)}</p>
</li>`;
}

/**
 * A lesson's README, rendered, and under it links to the lessons before and
 * after, and to the lesson's slides when it has a deck (its URL in `slides`).
 * @example lessonPage("", lesson, { previous: lessons[1], next: lessons[3], slides: "/slides/03-gateway-app" });
 */
export function lessonPage(
  root: string,
  lesson: Lesson,
  { previous, next, slides }: { previous?: Lesson; next?: Lesson; slides?: string },
): SafeHtml {
  const step = (rel: string, label: string, other?: Lesson) =>
    other &&
    html`<a rel="${rel}" href="${lessonUrl(root, other.slug)}">${label} ${other.title}</a>`;
  const deck = slides && html`<a class="slides" href="${slides}">The slides for this lesson</a>`;
  const content = html`<article class="readme">${renderMarkdown(lesson.readme)}</article>
<nav class="steps">${step("prev", "←", previous)} ${deck} ${step("next", "→", next)}</nav>`;
  return layout({ root, title: lesson.title, content });
}

/**
 * A Markdown file inside a lesson (not its README), rendered.
 * @example markdownPage("", lesson, ["notes.md"], "# Notes");
 */
export function markdownPage(
  root: string,
  lesson: Lesson,
  segments: string[],
  text: string,
): SafeHtml {
  const content = html`${trail(root, lesson, segments)}
<article class="readme">${renderMarkdown(text)}</article>`;
  return layout({ root, title: segments.join("/"), content });
}

/**
 * A source file inside a lesson, as plain text in a `<pre>` (escaped, so a
 * file that holds markup shows that markup).
 * @example sourcePage("", lesson, ["demo", "app.ts"], source);
 */
export function sourcePage(
  root: string,
  lesson: Lesson,
  segments: string[],
  text: string,
): SafeHtml {
  const content = html`${trail(root, lesson, segments)}
<pre class="source"><code>${text}</code></pre>`;
  return layout({ root, title: segments.join("/"), content });
}

/**
 * A folder inside a lesson: links to what it holds.
 * @example folderPage("", lesson, ["demo"], [{ name: "app.ts", folder: false }]);
 */
export function folderPage(
  root: string,
  lesson: Lesson,
  segments: string[],
  children: Array<{ name: string; folder: boolean }>,
): SafeHtml {
  const link = ({ name, folder }: { name: string; folder: boolean }) => {
    const target = folder ? [...segments, name, ""] : [...segments, name];
    return html`<li><a href="${lessonUrl(root, lesson.slug, target)}">${name}${folder && "/"}</a></li>`;
  };
  const content = html`${trail(root, lesson, segments)}
<ul class="files">${children.map(link)}</ul>`;
  return layout({ root, title: `${segments.join("/")}/`, content });
}

/**
 * The page for a 4xx answer: what went wrong, and the way home.
 * @example errorPage("", "404 Not Found", "There is no page at /nope.");
 */
export function errorPage(root: string, status: string, message: string): SafeHtml {
  const content = html`<h1>${status}</h1>
<p>${message}</p>
<p><a href="${urlFor(root, "/")}">Back to the lessons</a></p>`;
  return layout({ root, title: status, content });
}

/** "Lesson title / demo / app.ts", each part but the last a link. */
function trail(root: string, lesson: Lesson, segments: string[]): SafeHtml {
  const folders = segments.slice(0, -1).map((name, i) => {
    const target = [...segments.slice(0, i + 1), ""];
    return html` / <a href="${lessonUrl(root, lesson.slug, target)}">${name}</a>`;
  });
  return html`<p class="trail"><a href="${lessonUrl(root, lesson.slug)}">${lesson.title}</a>${folders} / ${segments.at(-1)}</p>`;
}
