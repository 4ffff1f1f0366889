/**
 * An exercise's page on the workshop home: `/exercises/ID`.
 *
 * What `npm run learn` shows in the terminal, in the browser: the task
 * from the top of the learner's file, the verdict of its test (kept live
 * by live.js from the page's event stream), the hint ladder and the
 * reference solution's steps, each opened one at a time, and the buttons
 * that reset the file or catch up on the exercises before it. The hints
 * and steps are `<details>` elements: the style sheet shows only the first
 * one still closed, so a learner opens them in turn, with no script.
 *
 * Every change an operation makes is said on the page that answers it:
 * which files it wrote, where the learner's versions went, and a button
 * that undoes it.
 *
 * "Show the trace" runs the exercise's test once more with the tracer on
 * and shows what the learner's app did under it (`traceOfTestPage`).
 *
 * @example
 * htmlResponse(startResponse, "200 OK", exercisePage(root, view));
 */
import { html, type SafeHtml } from "../gateway/html.ts";
import type { TraceData } from "../gateway/trace/events.ts";
import { snapshotPage } from "../gateway/trace/routes.ts";
import type { Editor } from "./editor.ts";
import { vscodeUrl } from "./editor.ts";
import { layout } from "./layout.ts";
import type { CatchUp, Change, SolutionStep } from "./learn/operations.ts";
import type { TestOutcome } from "./learn/run-test.ts";
import type { Verdict } from "./live/live-verdicts.ts";
import type { Exercise } from "./manifest.ts";
import { exerciseUrl, lessonUrl, urlFor } from "./urls.ts";

/** Everything the page shows. */
export interface ExerciseView {
  readonly exercise: Exercise;
  /** Every exercise, for the links to the one before and the one after. */
  readonly list: readonly Exercise[];
  /** The lesson's title, as its README says. */
  readonly lessonTitle: string;
  /** The task statement from the top of the learner's file, or why there is none. */
  readonly task: string;
  /** The learner's file, absolute, and the line to open it at (its first TODO). */
  readonly file: string;
  readonly line: number;
  /** The reference solution's steps, or why they cannot be shown. */
  readonly steps: readonly SolutionStep[] | { readonly unavailable: string };
  /** The editor the home may start, when the learner set one. */
  readonly editor: Editor | undefined;
  /** What the last operation did, on the page that answers it. */
  readonly notice?: SafeHtml;
  /** The hidden field with the home's token, for each form. */
  readonly tokenField: SafeHtml;
}

/**
 * The whole page.
 * @example exercisePage("", view);
 */
export function exercisePage(root: string, view: ExerciseView): SafeHtml {
  const { exercise } = view;
  const here = exerciseUrl(root, exercise.id);
  const content = html`<p class="trail"><a href="${lessonUrl(root, exercise.lesson)}">${view.lessonTitle}</a>
/ exercise <code>${exercise.id}</code></p>
<h1>${exercise.title}</h1>
${view.notice}
<div class="live" data-events="${here}/events">
<section class="verdict" data-live="verdict" aria-live="polite">${verdictView(root, exercise, { state: "checking", busy: false }, view.list)}</section>
</div>
<noscript><p class="note">This page shows your test's verdict live with a script. Without
it, run <code>npm run learn -- check ${exercise.id}</code> in a terminal.</p></noscript>
${fileLine(root, view)}
<h2>The task</h2>
<pre class="task">${view.task}</pre>
<h2>Hints</h2>
<p>Stuck? Open one hint at a time: each says a little more than the one before.</p>
<div class="ladder">${exercise.hints.map((hint, i) => hintItem(hint, i + 1, exercise.hints.length))}</div>
<h2>The solution, step by step</h2>
${solutionSection(exercise, view.steps)}
<h2>See your app at work</h2>
${traceForm(root, view)}
<h2>Start again, or catch up</h2>
${operationForms(root, view)}
${neighbours(root, exercise, view.list)}
<script src="${urlFor(root, "/live.js")}" defer></script>`;
  return layout({ root, title: `${exercise.id}: ${exercise.title}`, content });
}

/**
 * The verdict part of the page, as the event stream sends it.
 * @example channel.send("verdict", String(verdictView("", exercise, verdict, exercises)));
 */
export function verdictView(
  root: string,
  exercise: Exercise,
  verdict: Verdict,
  list: readonly Exercise[],
): SafeHtml {
  if (verdict.state === "checking") {
    const busy = verdict.busy && " Still running (the machine is busy).";
    return html`<p class="verdict-line" data-state="checking">Running the test of <code>${exercise.id}</code>…${busy}</p>`;
  }
  if (verdict.state === "not-run") {
    return html`<p class="verdict-line" data-state="failed">✗ The test could not run: ${verdict.reason}</p>`;
  }
  return outcomeView(root, exercise, verdict.outcome, list);
}

function outcomeView(
  root: string,
  exercise: Exercise,
  outcome: TestOutcome,
  list: readonly Exercise[],
): SafeHtml {
  if (outcome.passed) {
    const next = list[list.findIndex((each) => each.id === exercise.id) + 1];
    const then = next
      ? html` Next: <a href="${exerciseUrl(root, next.id)}">${next.title}</a>.`
      : html` That was the last exercise. Well done!`;
    return html`<p class="verdict-line" data-state="passed">✓ Solved: its test passes.${then}</p>`;
  }
  const { failure } = outcome;
  return html`<p class="verdict-line" data-state="failed">✗ Not yet. ${failure?.test || "Its test fails."}</p>
${failure && html`<pre class="failure">${failure.message}</pre>`}
${failure?.where && html`<p class="where">It failed at <code>${failure.where}</code>.</p>`}
${outcome.output && html`<p>Your code printed:</p><pre class="output">${outcome.output.trimEnd()}</pre>`}
<p class="then">Save the file: the test runs again by itself.</p>`;
}

/** The button that runs the test traced. */
function traceForm(root: string, view: ExerciseView): SafeHtml {
  return html`<form method="post" action="${exerciseUrl(root, view.exercise.id, "trace")}">${view.tokenField}
<p>Run this exercise's test once more with the tracer on, and see each request it sends to your
app drawn as a sequence diagram: the environ, <code>startResponse</code>, each chunk.</p>
<button>Show the trace of your app under the test</button></form>`;
}

/**
 * The answer to "Show the trace": the traces of the test's requests, drawn
 * (../gateway/trace/routes.ts), or why there are none.
 * @example htmlResponse(startResponse, "200 OK", traceOfTestPage("", exercise, traces));
 */
export function traceOfTestPage(
  root: string,
  exercise: Exercise,
  traces: readonly TraceData[],
): SafeHtml {
  if (traces.length > 0) {
    return snapshotPage(`${exercise.id}: your app under its test`, [...traces]);
  }
  const content = html`<p class="trail"><a href="${exerciseUrl(root, exercise.id)}">${exercise.title}</a> / trace</p>
<h1>No trace recorded</h1>
<p>The test of <code>${exercise.id}</code> ran with the tracer on, and no request went through the
gateway: this test calls your code directly, without a server or a <code>TestClient</code>, so there is
nothing to draw. Traces are drawn for the exercises whose test sends requests to your app.</p>
<p><a href="${exerciseUrl(root, exercise.id)}">Back to the exercise</a></p>`;
  return layout({ root, title: `${exercise.id}: no trace`, content });
}

/** Where the learner's file is, and the ways to open it. */
function fileLine(root: string, view: ExerciseView): SafeHtml {
  const { exercise, editor } = view;
  const button =
    editor?.windowed &&
    html`<form method="post" action="${exerciseUrl(root, exercise.id, "open")}" class="inline">${view.tokenField}
<button>Open with ${editor.name}</button></form>`;
  const terminal =
    editor !== undefined &&
    !editor.windowed &&
    html` (<code>${editor.name}</code> needs a terminal: open the file from yours)`;
  return html`<p class="file">Edit <code>starter/${exercise.file}</code> and save: the verdict above
follows. <a href="${vscodeUrl(view.file, view.line)}">Open in VS Code</a>${terminal} ${button}</p>`;
}

function hintItem(hint: string, number: number, total: number): SafeHtml {
  return html`<details class="hint"><summary>Hint ${number} of ${total}</summary><p>${hint}</p></details>`;
}

function solutionSection(exercise: Exercise, steps: ExerciseView["steps"]): SafeHtml {
  if ("unavailable" in steps) {
    return html`<p class="note">The steps cannot be shown: ${steps.unavailable}.</p>`;
  }
  const count = steps.length === 1 ? "one change" : `${steps.length} changes`;
  return html`<p>The reference solution is ${count} from the starter as shipped. Open a step
to see it; the next one appears once you have.</p>
<div class="ladder">${steps.map((step) => stepItem(exercise, step))}</div>`;
}

/**
 * One step of the solution: where it goes, and the lines out and in.
 * @example stepDiff(exercise, step); // <pre class="diff">...</pre>
 */
export function stepDiff(exercise: Exercise, step: SolutionStep): SafeHtml {
  const out = step.removed.map((line) => html`<del>- ${line}</del>\n`);
  const into = step.added.map((line) => html`<ins>+ ${line}</ins>\n`);
  return html`<p>In <code>starter/${exercise.file}</code>, at line ${step.line} of the file as shipped:</p>
<pre class="diff"><code>${out}${into}</code></pre>`;
}

function stepItem(exercise: Exercise, step: SolutionStep): SafeHtml {
  const title = step.title ?? `a change at line ${step.line}`;
  return html`<details class="step"><summary>Step ${step.number} of ${step.total}: ${title}</summary>
${stepDiff(exercise, step)}</details>`;
}

function operationForms(root: string, view: ExerciseView): SafeHtml {
  const { exercise, list } = view;
  const first = list[0]?.id === exercise.id;
  const catchUp = first
    ? html`<p>This is the first exercise: there is nothing before it to catch up on.</p>`
    : html`<form method="post" action="${exerciseUrl(root, exercise.id, "catch-up")}">${view.tokenField}
<p><button>Catch up</button> Behind the class? Every exercise <em>before</em> this one whose
test fails gets the reference solution, and the ones you solved stay as you wrote them.
Your versions are kept, and the page says how to undo it. It runs their tests, which takes a while.</p></form>`;
  return html`<form method="post" action="${exerciseUrl(root, exercise.id, "reset")}">${view.tokenField}
<p><button>Reset this exercise</button> Puts <code>starter/${exercise.file}</code> back as it
came with the workshop. Your version is kept, and the page says where and how to undo it.</p></form>
${catchUp}`;
}

function neighbours(root: string, exercise: Exercise, list: readonly Exercise[]): SafeHtml {
  const index = list.findIndex((each) => each.id === exercise.id);
  const link = (rel: string, label: string, other: Exercise | undefined) =>
    other &&
    html`<a rel="${rel}" href="${exerciseUrl(root, other.id)}">${label} ${other.title}</a>`;
  return html`<nav class="steps">${link("prev", "←", list[index - 1])}
<a href="${urlFor(root, "/progress")}">Your progress</a>
${link("next", "→", list[index + 1])}</nav>`;
}

/**
 * What a reset or a restore did, with the button that undoes it.
 * @example noticeOfChange("", exercise, change, "Put back as shipped", tokenField);
 */
export function noticeOfChange(
  root: string,
  exercise: Exercise,
  change: Change,
  done: string,
  tokenField: SafeHtml,
): SafeHtml {
  if (change.written.length === 0) {
    return html`<div class="notice" role="status"><p>Nothing changed: the files already were as asked.</p></div>`;
  }
  return html`<div class="notice" role="status"><p>${done}: ${files(change.written)}.</p>
${backupAndUndo(root, exercise, change, tokenField)}</div>`;
}

/**
 * What a catch-up did: the exercises given the reference and their verdicts, those left alone,
 * and the button that undoes it.
 * @example noticeOfCatchUp("", exercise, result, tokenField);
 */
export function noticeOfCatchUp(
  root: string,
  exercise: Exercise,
  result: CatchUp,
  tokenField: SafeHtml,
): SafeHtml {
  const solved =
    result.solved.length > 0 &&
    html`<p>Left as you wrote them (their tests pass): ${result.solved.map((each) => html`<code>${each.id}</code> `)}</p>`;
  if (result.caughtUp.length === 0) {
    return html`<div class="notice" role="status"><p>Every exercise before this one passes its test
already: nothing changed.</p>${solved}</div>`;
  }
  const rows = result.caughtUp.map(
    ({ exercise: each, outcome }) =>
      html`<li><code>${each.id}</code> ${outcome.passed ? "✓ now passes" : "✗ still fails (see its page)"}</li>`,
  );
  return html`<div class="notice" role="status"><p>Caught up: the reference solution went into</p>
<ul>${rows}</ul>${solved}
${backupAndUndo(root, exercise, result, tokenField)}</div>`;
}

/**
 * An operation that did nothing, and why.
 * @example noticeOfRefusal("there is no git history here, so ...");
 */
export function noticeOfRefusal(reason: string): SafeHtml {
  return html`<div class="notice refused" role="alert"><p>Nothing was changed: ${reason}.</p></div>`;
}

/**
 * The editor was started.
 * @example noticeOfOpening("code", "starter/signin/csrf.ts");
 */
export function noticeOfOpening(editor: string, file: string): SafeHtml {
  return html`<div class="notice" role="status"><p>Asked ${editor} to open <code>${file}</code>.</p></div>`;
}

function backupAndUndo(
  root: string,
  exercise: Exercise,
  change: Change,
  tokenField: SafeHtml,
): SafeHtml {
  const { backup } = change;
  if (backup === undefined)
    return html`<p>Nothing was overwritten, so there is nothing to undo.</p>`;
  return html`<p>What they held before is kept in <code>${backup.folder}/</code>.</p>
<form method="post" action="${exerciseUrl(root, exercise.id, "restore")}">${tokenField}
<input type="hidden" name="backup" value="${backup.id}">
<p><button>Undo</button> or, in a terminal, <code>npm run learn -- restore ${backup.id}</code></p></form>`;
}

function files(list: readonly string[]): SafeHtml {
  return html`${list.map((file, i) => html`${i > 0 && ", "}<code>${file}</code>`)}`;
}
