/**
 * The page behind a demo link (`/demos/03/PATH`), when it cannot simply send
 * the browser on: lesson 03's demo is not running, or more than one is.
 *
 * Not running: the commands that start each of the lesson's demos, and
 * what each shows, and the default address, for a server the learner
 * started by hand on it. Several: a link to each, with the same path. For a
 * link to a demo's trace page, the same with `--trace`.
 *
 * @example
 * demosPage("", lesson, { demos, running: [], pathAndQuery: "/?name=Ada" });
 */
import { html, type SafeHtml } from "../gateway/html.ts";
import type { Demo } from "./demo-catalog.ts";
import { defaultDemoUrl, demoLink } from "./demo-links.ts";
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
  /** Whether the link was to the demo's trace page (`/traces/NN/`). */
  trace?: boolean;
}

/**
 * The page, for no demo or several demos of `lesson` running.
 * @example demosPage("", lesson, { demos, running, pathAndQuery: "/" });
 */
export function demosPage(root: string, lesson: Lesson, parts: DemosPageParts): SafeHtml {
  const { demos, running, pathAndQuery, trace = false } = parts;
  const title = trace
    ? `The trace page of lesson ${lesson.number}'s demo`
    : `The demos of lesson ${lesson.number}`;
  const flag = trace ? " --trace" : "";
  const back = html`<p><a href="${lessonUrl(root, lesson.slug)}">Back to ${lesson.number} · ${lesson.title}</a></p>`;
  if (running.length > 0) {
    const links = running.map((demo) => {
      const url = new URL(pathAndQuery, (trace && demo.trace) || demo.url).href;
      return html`<li><a href="${url}">${url}</a>: <code>npm run demo -- ${Number(demo.lesson)}${demo.name && ` ${demo.name}`}${flag}</code></li>`;
    });
    const content = html`<h1>${title}</h1>
<p>${running.length} of them are running. Which one?</p>
<ul>${links}</ul>
${back}`;
    return layout({ root, title, content });
  }
  const commands = demos.map(
    (demo) =>
      html`<li><code>${demo.command}${flag}</code>: ${renderInline(demo.shows, { link: (href) => demoLink(root, href) })}</li>`,
  );
  const byHand = defaultDemoUrl(lesson.number, pathAndQuery, trace);
  const content = html`<h1>${title}</h1>
<p class="lead">No demo of lesson ${lesson.number} is running${flag && html` with <code>--trace</code>`} yet.</p>
<p>Start one in a terminal, in the workshop's folder, then reload this page: it takes you to
<code>${pathAndQuery}</code> on the demo, whatever port it listens on.</p>
<ul class="demo-commands">${commands}</ul>
${yourOwn(lesson.number, trace, byHand)}
${back}`;
  return layout({ root, title, content });
}

/**
 * The way in to a server the learner started on the lesson's port, not as
 * a demo (lesson 11's sign-in app is one: `npm run signin`): with `--trace`,
 * its trace page is on the port 100 above.
 */
function yourOwn(number: string, trace: boolean, byHand: string): SafeHtml {
  const port = `80${number}`;
  const flag = trace ? " --trace" : "";
  const started =
    number === "11"
      ? `npm run signin${trace ? " --" : ""}${flag}`
      : `npx gateway serve FILE --port ${port}${flag}`;
  const link = html`<a href="${byHand}">${byHand}</a>`;
  if (trace) {
    return html`<p>Started a server on port ${port} yourself with <code>--trace</code>
(<code>${started}</code>, say)? Its trace page is ${link}.</p>`;
  }
  return html`<p>Started a server on port ${port} yourself (<code>${started}</code>, say)?
Open ${link}.</p>`;
}
