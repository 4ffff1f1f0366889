/**
 * The instructor's mode on screen: `/instructor` and `/instructor/ID`.
 *
 * Made for a projector: the exercise's file as it is at this step, with
 * the step's lines highlighted (what came out struck through, what went in
 * marked), the buttons to go back, forward and reset, and beside it the
 * verdict of the exercise's test and what the exercise's demo answers now,
 * both run from the scratch copy after each step. The three parts are
 * redrawn from the page's event stream (live.js) as they change.
 *
 * @example
 * htmlResponse(startResponse, "200 OK", presenterPage("", view));
 */
import { html, type SafeHtml } from "../../gateway/html.ts";
import { verdictView } from "../exercise-page.ts";
import { layout } from "../layout.ts";
import type { SolutionStep } from "../learn/solution-steps.ts";
import type { Exercise } from "../manifest.ts";
import { exerciseUrl, instructorUrl, urlFor } from "../urls.ts";
import { commandLine } from "./demo-process.ts";
import type { DemoState, Presentation } from "./presentation.ts";

/** What the page of one exercise shows. */
export interface PresenterView {
  readonly exercise: Exercise;
  readonly list: readonly Exercise[];
  readonly lessonTitle: string;
  /** The presentation, when this exercise is the one running. */
  readonly presentation: Presentation | undefined;
  readonly tokenField: SafeHtml;
  /** Why the last action did nothing, if it did nothing. */
  readonly refusal?: string;
}

/**
 * Every exercise, by lesson, each a link to its instructor's page.
 * @example instructorIndexPage("", exercises, titles);
 */
export function instructorIndexPage(
  root: string,
  list: readonly Exercise[],
  lessonTitles: ReadonlyMap<string, string>,
): SafeHtml {
  const lessons = [...new Set(list.map((exercise) => exercise.lesson))];
  const content = html`<h1>Instructor's mode</h1>
<p class="lead">Step through an exercise's solution in front of the class: each step goes into a
scratch copy of the workshop (never into your own <code>starter/</code>), and its test and its
demo run again after each step.</p>
<p>The <a href="${urlFor(root, "/guide")}">instructor's guide</a> has the agenda and timings.</p>
${lessons.map(
  (lesson) => html`<h2>${lessonTitles.get(lesson) ?? lesson}</h2>
<ul class="exercises">${list
    .filter((exercise) => exercise.lesson === lesson)
    .map(
      (exercise) =>
        html`<li><a href="${instructorUrl(root, exercise.id)}">${exercise.title}</a> <code>${exercise.id}</code></li>`,
    )}</ul>`,
)}`;
  return layout({ root, title: "Instructor's mode", content });
}

/**
 * The page of one exercise: a start button, or the running presentation.
 * @example presenterPage("", { exercise, list, lessonTitle, presentation, tokenField });
 */
export function presenterPage(root: string, view: PresenterView): SafeHtml {
  const { exercise, presentation } = view;
  const refusal =
    view.refusal && html`<div class="notice refused" role="alert"><p>${view.refusal}</p></div>`;
  const body = presentation
    ? running(root, view, presentation)
    : html`<form method="post" action="${instructorUrl(root, exercise.id, "start")}">${view.tokenField}
<p><button>Start presenting</button> Copies the workshop to a scratch folder, puts the starter
as shipped there, runs the exercise's test and starts its demo
(<code>${exercise.demo ? commandLine(exercise.demo) : "no demo"}</code>). Then each step of the solution is one click.
It stops when you leave this page.</p></form>`;
  const content = html`<p class="trail"><a href="${instructorUrl(root)}">Instructor's mode</a> / ${view.lessonTitle}</p>
<h1>${exercise.title}</h1>
${refusal}${body}
<p class="aside">The learner's page of this exercise: <a href="${exerciseUrl(root, exercise.id)}">${exercise.id}</a>.</p>`;
  return layout({ root, title: `Presenting ${exercise.id}`, content });
}

function running(root: string, view: PresenterView, presentation: Presentation): SafeHtml {
  const here = instructorUrl(root, view.exercise.id);
  return html`<div class="presenter live" data-events="${here}/events">
<section class="step-part" data-live="step">${stepPart(root, presentation, view.tokenField)}</section>
<div class="results">
<section class="verdict" data-live="verdict" aria-live="polite">${verdictView(root, view.exercise, presentation.verdict, view.list)}</section>
<section class="demo" data-live="demo">${demoPart(presentation.demo)}</section>
</div>
</div>
<script src="${urlFor(root, "/live.js")}" defer></script>`;
}

/**
 * The step's controls and the file as it is now, the step's lines highlighted.
 * @example channel.send("step", String(stepPart(root, presentation, tokenField)));
 */
export function stepPart(root: string, presentation: Presentation, tokenField: SafeHtml): SafeHtml {
  const { exercise, steps, step } = presentation;
  const current = steps[step - 1];
  const title =
    current === undefined
      ? "The starter as shipped"
      : `Step ${step} of ${steps.length}: ${current.title ?? `a change at line ${current.line}`}`;
  return html`<div class="controls">
${stepButton(root, exercise, step - 1, "← Back", step === 0, tokenField)}
${stepButton(root, exercise, step + 1, "Next step →", step === steps.length, tokenField)}
${stepButton(root, exercise, 0, "Reset to the starter", step === 0, tokenField)}
<form method="post" action="${instructorUrl(root, exercise.id, "stop")}">${tokenField}<button>Stop presenting</button></form>
</div>
<h2 data-step="${step}">${title}</h2>
<p class="where">In the scratch copy, <code>${presentation.folder}</code>:
<code>starter/${exercise.file}</code>${step === steps.length && html`, the whole solution`}.</p>
${listing(presentation.text, steps, step)}`;
}

function stepButton(
  root: string,
  exercise: Exercise,
  to: number,
  label: string,
  disabled: boolean,
  tokenField: SafeHtml,
): SafeHtml {
  return html`<form method="post" action="${instructorUrl(root, exercise.id, "step")}" data-live-form>${tokenField}
<input type="hidden" name="step" value="${to}"><button${disabled ? html` disabled` : ""}>${label}</button></form>`;
}

/** The file with line numbers; the step's lines out (struck through) and in (marked). */
function listing(text: string, steps: readonly SolutionStep[], step: number): SafeHtml {
  const lines = text.split(/\r?\n/);
  if (lines.at(-1) === "") lines.pop();
  const current = steps[step - 1];
  const at = current === undefined ? -1 : firstLineOf(steps, step);
  const added = current?.added.length ?? 0;
  const width = String(lines.length).length;
  const number = (n: number) => html`<span class="ln">${String(n).padStart(width)}</span> `;
  const rows = lines.map((line, index) => {
    const n = index + 1;
    const removed =
      n === at &&
      current?.removed.map(
        (old) => html`<span class="removed" data-focus>${" ".repeat(width)} - ${old}</span>\n`,
      );
    const mark = n >= at && n < at + added;
    return html`${removed}${mark ? html`<span class="added" data-focus>${number(n)}${line}</span>` : html`${number(n)}${line}`}\n`;
  });
  // Lines taken out at the very end of the file have no line after them to stand before.
  const tail =
    current !== undefined &&
    at > lines.length &&
    current.removed.map(
      (old) => html`<span class="removed" data-focus>${" ".repeat(width)} - ${old}</span>\n`,
    );
  return html`<pre class="listing"><code>${rows}${tail}</code></pre>`;
}

/**
 * Where step `step`'s lines stand in the file once steps 1 to `step` are in (1-based): its line
 * in the starter, moved by what the steps before it added and took out.
 * @example firstLineOf(steps, 2); // 31
 */
export function firstLineOf(steps: readonly SolutionStep[], step: number): number {
  const before = steps.slice(0, step - 1);
  const moved = before.reduce((sum, each) => sum + each.added.length - each.removed.length, 0);
  return (steps[step - 1]?.line ?? 1) + moved;
}

/**
 * What the demo answers now, or where it is.
 * @example channel.send("demo", String(demoPart(presentation.demo)));
 */
export function demoPart(demo: DemoState): SafeHtml {
  if (demo.state === "none") return html`<h2>The demo</h2><p>Starting…</p>`;
  const command = html`<p><code>${demo.command}</code>, from the scratch copy</p>`;
  if (demo.state === "starting") {
    return html`<h2>The demo</h2>${command}<p data-state="starting">Restarting…</p>`;
  }
  if (demo.state === "failed") {
    return html`<h2>The demo</h2>${command}<p data-state="failed">It does not answer: </p><pre class="output">${demo.reason}</pre>`;
  }
  const { sample } = demo;
  const headers = sample.headers.map(([name, value]) => `${name}: ${value}\n`).join("");
  return html`<h2>The demo</h2>${command}
<p data-state="running">GET <a href="${sample.url}" target="_blank" rel="noopener">${sample.url}</a> answers:</p>
<pre class="answer"><code><strong>${sample.status}</strong>
${headers}
${sample.body}</code></pre>
${demo.tracePage && html`<p class="trace-link">Follow each request through the app on <a href="${demo.tracePage}" target="_blank" rel="noopener">the demo's trace page</a>.</p>`}`;
}
