/**
 * The progress page: which exercises the learner has solved, checked now.
 *
 * There is no progress file: an exercise is solved when its test passes
 * against the learner's `starter/` (as `npm run learn` decides it). The
 * tests run side by side, and the page is a generator body (lesson 07) that
 * sends the top of the page at once and then one row per exercise, in order,
 * as soon as its test (and every one above it) has finished: the browser
 * shows the rows as they come. On a busy machine a line says so, and the
 * rows keep coming. The count of solved exercises can only come after the
 * last row (a page without script cannot change what it already showed),
 * so the top says so. For the first exercise not solved, the row also shows
 * why its test fails, where, and the first hint.
 *
 * @example
 * return progressBody(root, exercises, runner); // after startResponse
 */
import { encode } from "../gateway/bytes.ts";
import { html, type SafeHtml, safe } from "../gateway/html.ts";
import type { Chunk } from "../gateway/types.ts";
import { layout } from "./layout.ts";
import { type Checked, checkInOrder } from "./learn/progress.ts";
import type { ExerciseRunner, TestOutcome } from "./learn/run-test.ts";
import type { Exercise } from "./manifest.ts";
import { exerciseUrl, lessonUrl } from "./urls.ts";

/** Where the rows and the summary go: the page is cut into pieces around them. */
const ROWS = "<!-- rows -->";
const SUMMARY = "<!-- summary -->";

/**
 * The page, chunk by chunk: the top, a row per exercise, the summary and the bottom.
 * @example for await (const chunk of progressBody("", exercises, runner)) send(chunk);
 */
export async function* progressBody(
  root: string,
  list: readonly Exercise[],
  runner: ExerciseRunner,
): AsyncGenerator<Chunk> {
  const { top, between, bottom } = pieces(root, list.length);
  yield encode(top);
  let solved = 0;
  let current: Exercise | undefined;
  for await (const checked of checkSafely(runner, list)) {
    if ("busy" in checked) {
      yield encode(String(busyNote()));
      continue;
    }
    const { exercise, outcome } = checked;
    if (outcome.passed) solved++;
    const isCurrent = !outcome.passed && current === undefined;
    if (isCurrent) current = exercise;
    yield encode(String(row(root, exercise, outcome, isCurrent)));
  }
  yield encode(between);
  yield encode(String(summary(root, solved, list.length, current)));
  yield encode(bottom);
}

/**
 * The answer to a HEAD request: the top of the page only, so no test runs.
 * It must still be a stream with bytes in it, as GET's is: a body that ends
 * before its first byte gets a `Content-Length: 0` from the server, and a
 * HEAD answer may only declare the length GET's would have (RFC 9110,
 * section 9.3.2). The server drops the bytes.
 * @example if (environ.REQUEST_METHOD === "HEAD") return progressTop(root, exercises.length);
 */
export async function* progressTop(root: string, total: number): AsyncGenerator<Chunk> {
  yield encode(pieces(root, total).top);
}

/** The page's markup, cut around the rows and the summary. */
function pieces(root: string, total: number): { top: string; between: string; bottom: string } {
  const [top = "", rest = ""] = String(progressLayout(root, total)).split(ROWS);
  const [between = "", bottom = ""] = rest.split(SUMMARY);
  return { top, between, bottom };
}

function progressLayout(root: string, total: number): SafeHtml {
  const content = html`<h1>Your progress</h1>
<p class="lead">Each exercise is checked now, by running its test against your
<code>starter/</code> folder: ${total} tests, run side by side. Rows appear, in order, as
their tests finish; the count of solved exercises comes at the end, under the list.</p>
<ol class="progress">${safe(ROWS)}</ol>
${safe(SUMMARY)}`;
  return layout({ root, title: "Your progress", content });
}

/** Tests that cannot even run (Vitest failed to start, say) give rows that say why, not a broken page. */
async function* checkSafely(
  runner: ExerciseRunner,
  list: readonly Exercise[],
): AsyncGenerator<Checked> {
  let shown = 0;
  try {
    for await (const checked of checkInOrder(runner, list)) {
      if ("exercise" in checked) shown++;
      yield checked;
    }
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    const outcome: TestOutcome = {
      passed: false,
      failure: { test: "", message: `the test could not run: ${reason}` },
      output: "",
    };
    for (const exercise of list.slice(shown)) yield { exercise, outcome };
  }
}

function busyNote(): SafeHtml {
  return html`<li class="busy" role="status">Still running (the machine is busy): the rows keep
coming, only more slowly.</li>
`;
}

function row(root: string, exercise: Exercise, outcome: TestOutcome, isCurrent: boolean): SafeHtml {
  const state = outcome.passed ? "solved" : isCurrent ? "current" : "todo";
  const mark = outcome.passed ? "✓" : "○";
  const details = isCurrent && currentDetails(exercise, outcome);
  return html`<li class="${state}"><span class="mark">${mark}</span>
<code>${exercise.id}</code> <a href="${exerciseUrl(root, exercise.id)}">${exercise.title}</a>
<small>(<a href="${lessonUrl(root, exercise.lesson)}">lesson</a>)</small>${details}</li>
`;
}

/** Why the current exercise's test fails, where when the runner knows, and where to start. */
function currentDetails(exercise: Exercise, outcome: TestOutcome): SafeHtml {
  const where = outcome.failure?.where;
  return html`<p>Your next exercise: <code>starter/${exercise.file}</code>.
Its test says: <q>${outcome.failure?.message ?? "it did not pass"}</q></p>
${where && html`<p class="where">It failed at <code>${where}</code>.</p>`}
<p class="hint">Hint: ${exercise.hints[0] ?? ""}</p>`;
}

function summary(
  root: string,
  solved: number,
  total: number,
  current: Exercise | undefined,
): SafeHtml {
  const next = current
    ? html`<p>Work on <a href="${exerciseUrl(root, current.id)}"><code>${current.id}</code></a>: its
page reruns the test each time you save, as <code>npm run learn</code> does in a terminal, and
shows more hints.</p>`
    : html`<p>Every exercise is solved. Well done!</p>`;
  return html`<p class="summary"><progress value="${solved}" max="${total}"></progress>
${solved} of ${total} solved.</p>
${next}`;
}
