/**
 * A lesson's page: its README, rendered, beside a table of contents and the
 * lesson's demos.
 *
 * A README runs to fifteen screens, so the page opens with its sections
 * (a sticky column on a wide screen, a list that folds on a narrow one),
 * and every heading carries an anchor to link to. The demos are listed
 * with the command that starts each and what it shows (demo-catalog.ts),
 * and whether it runs now, with a link to where it listens. Links in the
 * text to a demo's default address go through the home, which sends them
 * where the demo runs (demo-links.ts).
 *
 * @example
 * lessonPage("", lesson, { demos, running, next: lessons[3], slides: "/slides/03-gateway-app" });
 */
import { html, type SafeHtml } from "../gateway/html.ts";
import type { Demo } from "./demo-catalog.ts";
import { demoLink } from "./demo-links.ts";
import { layout } from "./layout.ts";
import type { Lesson } from "./lessons.ts";
import { type Heading, renderDocument, renderInline } from "./markdown.ts";
import type { RunningDemo } from "./running-demos.ts";
import { lessonUrl } from "./urls.ts";

/** What the page links to around the README. */
export interface LessonLinks {
  previous?: Lesson;
  next?: Lesson;
  /** The URL of the lesson's deck, when it has one. */
  slides?: string;
  /** The lesson's demos, and those of them running now. */
  demos?: Demo[];
  running?: RunningDemo[];
}

/**
 * The whole page of a lesson.
 * @example lessonPage("", lesson, { previous: lessons[1], next: lessons[3] });
 */
export function lessonPage(root: string, lesson: Lesson, links: LessonLinks = {}): SafeHtml {
  const { previous, next, slides, demos = [], running = [] } = links;
  const { body, headings } = renderDocument(lesson.readme, {
    link: (href) => demoLink(root, href),
  });
  const step = (rel: string, label: string, other?: Lesson) =>
    other &&
    html`<a rel="${rel}" href="${lessonUrl(root, other.slug)}">${label} ${other.title}</a>`;
  const deck = slides && html`<a class="slides" href="${slides}">The slides for this lesson</a>`;
  const content = html`<aside class="lesson-side">
${contents(headings)}
${demoList(root, demos, running)}
</aside>
<article class="readme">${body}</article>
<nav class="steps">${step("prev", "←", previous)} ${deck} ${step("next", "→", next)}</nav>`;
  return layout({ root, title: lesson.title, content });
}

/** The README's sections (its second and third levels), as a list that folds. */
function contents(headings: Heading[]): SafeHtml {
  const sections = headings.filter(({ depth }) => depth === 2 || depth === 3);
  if (sections.length === 0) return html``;
  const items = sections.map(
    ({ depth, id, text }) => html`<li class="depth-${depth}"><a href="#${id}">${text}</a></li>`,
  );
  return html`<details class="toc" open><summary>On this page</summary>
<nav aria-label="On this page"><ol>${items}</ol></nav>
</details>`;
}

/** Each demo: its command, what it shows, and where it runs if it does. */
function demoList(root: string, demos: Demo[], running: RunningDemo[]): SafeHtml {
  if (demos.length === 0) return html``;
  const items = demos.map((demo) => {
    const here = running.filter((each) => each.name === demo.name);
    const status = here.length
      ? html`<span class="running">running at ${here.map((each) => html`<a href="${each.url}">${each.url}</a> `)}</span>`
      : html`<span class="stopped">not running</span>`;
    return html`<li><code>${demo.command}</code> ${status}<br>${renderInline(demo.shows, { link: (href) => demoLink(root, href) })}</li>`;
  });
  return html`<details class="demos" open><summary>Demos</summary>
<ul>${items}</ul>
<p class="hint">Run one in a terminal, in the workshop's folder; reload to see where it listens.</p>
</details>`;
}
