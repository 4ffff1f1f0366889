/**
 * The page behind a demo link (`/demos/03/PATH`), when it cannot simply send
 * the browser on: lesson 03's demo is not running, or more than one is.
 *
 * Not running: the commands that start each of the lesson's demos, and
 * what each shows, and the default address, for a server the learner
 * started by hand on it. Several: a link to each, with the same path.
 *
 * @example
 * demosPage("", lesson, { demos, running: [], pathAndQuery: "/?name=Ada" });
 */
import { html, type SafeHtml } from "../gateway/html.ts";
import type { Demo } from "./demo-catalog.ts";
import { defaultDemoUrl } from "./demo-links.ts";
import { layout } from "./layout.ts";
import type { Lesson } from "./lessons.ts";
import { renderInline } from "./markdown.ts";
import type { RunningDemo } from "./running-demos.ts";
import { lessonUrl } from "./urls.ts";

/** What the page shows: the lesson's demos, those running, and the path the link asked for. */
export interface DemosPageParts {
  demos: Demo[];
  running: RunningDemo[];
  pathAndQuery: string;
}

/**
 * The page, for no demo or several demos of `lesson` running.
 * @example demosPage("", lesson, { demos, running, pathAndQuery: "/" });
 */
export function demosPage(root: string, lesson: Lesson, parts: DemosPageParts): SafeHtml {
  const { demos, running, pathAndQuery } = parts;
  const title = `The demos of lesson ${lesson.number}`;
  const back = html`<p><a href="${lessonUrl(root, lesson.slug)}">Back to ${lesson.number} · ${lesson.title}</a></p>`;
  if (running.length > 0) {
    const links = running.map((demo) => {
      const url = new URL(pathAndQuery, demo.url).href;
      return html`<li><a href="${url}">${url}</a>: <code>npm run demo -- ${Number(demo.lesson)}${demo.name && ` ${demo.name}`}</code></li>`;
    });
    const content = html`<h1>${title}</h1>
<p>${running.length} of them are running. Which one?</p>
<ul>${links}</ul>
${back}`;
    return layout({ root, title, content });
  }
  const commands = demos.map(
    (demo) => html`<li><code>${demo.command}</code>: ${renderInline(demo.shows)}</li>`,
  );
  const byHand = defaultDemoUrl(lesson.number, pathAndQuery);
  const content = html`<h1>${title}</h1>
<p class="lead">No demo of lesson ${lesson.number} is running yet.</p>
<p>Start one in a terminal, in the workshop's folder, then reload this page: it takes you to
<code>${pathAndQuery}</code> on the demo, whatever port it listens on.</p>
<ul class="demo-commands">${commands}</ul>
<p>Started a server on port 80${lesson.number} yourself (with <code>npx gateway serve</code>, say)?
Open <a href="${byHand}">${byHand}</a>.</p>
${back}`;
  return layout({ root, title, content });
}
