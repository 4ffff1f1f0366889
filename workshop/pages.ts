/**
 * The workshop home's pages: the lesson index, a file or folder inside a
 * lesson, `starter/` or `solutions/` (file-trees.ts), and the error page.
 * A lesson's own page is lesson-page.ts.
 *
 * Each function takes what it shows and returns a whole document, built
 * with `html` (which escapes every value) inside the shared `layout`. Only
 * the Markdown rendered from the repository's own READMEs goes in as-is.
 *
 * @example
 * htmlResponse(startResponse, "200 OK", indexPage("", await listLessons(lessonsDir)));
 */
import { html, type SafeHtml } from "../gateway/html.ts";
import type { FileTree } from "./file-trees.ts";
import { layout } from "./layout.ts";
import type { Lesson } from "./lessons.ts";
import { renderInline, renderMarkdown } from "./markdown.ts";
import { sourceView } from "./source-view.ts";
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
 * A Markdown file inside a tree (not a lesson's README), rendered.
 * @example markdownPage("", lessonTree("", lesson), ["notes.md"], "# Notes");
 */
export function markdownPage(
  root: string,
  tree: FileTree,
  segments: string[],
  text: string,
): SafeHtml {
  const content = html`${trail(tree, segments)}
<article class="readme">${renderMarkdown(text)}</article>`;
  return layout({ root, title: segments.join("/"), content });
}

/**
 * A source file inside a tree: highlighted, its lines numbered, without
 * region markers (source-view.ts), and escaped, so a file that holds markup
 * shows that markup.
 * @example sourcePage("", lessonTree("", lesson), ["demo", "app.ts"], source);
 */
export function sourcePage(
  root: string,
  tree: FileTree,
  segments: string[],
  text: string,
): SafeHtml {
  const content = html`${trail(tree, segments)}
${sourceView(text, segments.at(-1) ?? "")}`;
  return layout({ root, title: segments.join("/"), content });
}

/**
 * A folder inside a tree (or the tree itself, for no segments): links to what it holds.
 * @example folderPage("", lessonTree("", lesson), ["demo"], [{ name: "app.ts", folder: false }]);
 */
export function folderPage(
  root: string,
  tree: FileTree,
  segments: string[],
  children: Array<{ name: string; folder: boolean }>,
): SafeHtml {
  const link = ({ name, folder }: { name: string; folder: boolean }) => {
    const target = folder ? [...segments, name, ""] : [...segments, name];
    return html`<li><a href="${tree.url(target)}">${name}${folder && "/"}</a></li>`;
  };
  const content = html`${segments.length ? trail(tree, segments) : html`<h1>${tree.label}</h1>`}
<ul class="files">${children.map(link)}</ul>`;
  return layout({ root, title: segments.length ? `${segments.join("/")}/` : tree.label, content });
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
function trail(tree: FileTree, segments: string[]): SafeHtml {
  const folders = segments.slice(0, -1).map((name, i) => {
    const target = [...segments.slice(0, i + 1), ""];
    return html` / <a href="${tree.url(target)}">${name}</a>`;
  });
  return html`<p class="trail"><a href="${tree.url([])}">${tree.label}</a>${folders} / ${segments.at(-1)}</p>`;
}
