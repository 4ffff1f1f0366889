/**
 * The instructor's guide: `/guide`.
 *
 * The agenda of a half-day and a full-day class, with the time each lesson
 * starts, the demos to run in it and its exercises; then, lesson by lesson,
 * where learners get stuck: each exercise's hint ladder, which is what a
 * stuck learner needs to hear, one step at a time. Nothing here is written
 * twice: the timings are agenda.ts's, the titles the READMEs', the exercises
 * and hints the manifest's.
 *
 * @example
 * htmlResponse(startResponse, "200 OK", guidePage("", { lessons, exercises }));
 */
import { html, type SafeHtml } from "../gateway/html.ts";
import { type AgendaItem, agenda, START } from "./agenda.ts";
import { demoCommand } from "./demo-catalog.ts";
import { layout } from "./layout.ts";
import type { Lesson } from "./lessons.ts";
import type { Exercise } from "./manifest.ts";
import { exerciseUrl, instructorUrl, lessonUrl } from "./urls.ts";

/** What the guide is made from. */
export interface GuideSources {
  readonly lessons: readonly Lesson[];
  readonly exercises: readonly Exercise[];
}

type Kind = "half" | "full";

/**
 * The whole guide.
 * @example guidePage("", { lessons: await listLessons(dir), exercises });
 */
export function guidePage(root: string, sources: GuideSources): SafeHtml {
  const content = html`<h1>Instructor's guide</h1>
<p class="lead">Timings for a half-day and a full-day class, the demos to run in each lesson,
and where learners get stuck.</p>
<h2>Before the class</h2>
<ol>
<li>On the machine you present from: <code>npm install</code>, then <code>npm test</code>
(every test passes) and <code>npm start</code> (this home, on http://127.0.0.1:8000/).</li>
<li>Learners do the same, and keep <code>npm run learn</code> open in a terminal while they
work: it reruns their exercise's test each time they save. Their progress page and each
exercise's page show the same verdicts.</li>
<li>To show an exercise being solved, open it in the <a href="${instructorUrl(root)}">instructor's
mode</a>: it steps through the reference solution in a scratch copy (your own
<code>starter/</code> stays as it is), with the test and the demo run again after each step.</li>
<li>A learner who falls behind presses "Catch up" on the page of the exercise the class is on:
the earlier exercises they have not solved get the reference solution, and their own
versions are kept.</li>
</ol>
${schedule(root, sources, "full")}
${schedule(root, sources, "half")}
<h2 id="stuck">Where learners get stuck</h2>
<p>Each exercise's hints, in the order to give them: the first is a nudge, the last names the
part of the lesson to read again. Learners see the same ladder on the exercise's page, one
hint at a time, and in <code>npm run learn</code> (key <kbd>h</kbd>).</p>
${sources.lessons.map((lesson) => stuckOnLesson(root, lesson, sources.exercises))}`;
  return layout({ root, title: "Instructor's guide", content });
}

function schedule(root: string, sources: GuideSources, kind: Kind): SafeHtml {
  const items = agenda.filter((item) => item.minutes[kind] > 0);
  const total = items.reduce((sum, item) => sum + item.minutes[kind], 0);
  let start = START;
  const rows = items.map((item) => {
    const row = agendaRow(root, sources, kind, item, start);
    start += item.minutes[kind];
    return row;
  });
  const title = kind === "full" ? "A full day" : "A half day";
  const later =
    kind === "half" &&
    html`<p>Lessons left out of the half day, and the exercises marked "later", are for the
learners' own time: each README says every step, and the exercise pages show the verdicts.</p>`;
  return html`<h2 id="${kind}-day">${title}: ${clock(START)} to ${clock(start)} (${hours(total)})</h2>
<table class="agenda">
<thead><tr><th>When</th><th>What</th><th>Demos to run</th><th>Exercises</th></tr></thead>
<tbody>${rows}</tbody>
</table>
${later}`;
}

function agendaRow(
  root: string,
  sources: GuideSources,
  kind: Kind,
  item: AgendaItem,
  start: number,
): SafeHtml {
  const when = html`<td>${clock(start)}<br><small>${item.minutes[kind]} min</small></td>`;
  if ("pause" in item)
    return html`<tr class="pause">${when}<td colspan="3">${item.pause}</td></tr>`;
  const lesson = sources.lessons.find((each) => each.slug === item.lesson);
  const title = lesson?.title ?? item.lesson;
  const exercises = sources.exercises.filter((exercise) => exercise.lesson === item.lesson);
  const later = kind === "half" && item.halfDayExercises === "later";
  return html`<tr>${when}
<td><a href="${lessonUrl(root, item.lesson)}">${lesson?.number ?? ""} ${title}</a></td>
<td>${item.demos.map((name) => html`<code>${demoCommand(item.lesson.slice(0, 2), name)}</code><br>`)}</td>
<td>${later && html`<em>later:</em> `}${exercises.map(
    (exercise) => html`<a href="${exerciseUrl(root, exercise.id)}">${exercise.id}</a> `,
  )}</td></tr>`;
}

function stuckOnLesson(root: string, lesson: Lesson, list: readonly Exercise[]): SafeHtml {
  const exercises = list.filter((exercise) => exercise.lesson === lesson.slug);
  if (exercises.length === 0) return html``;
  return html`<h3>${lesson.number} ${lesson.title}</h3>
${exercises.map(
  (exercise) => html`<div class="stuck">
<p><strong>${exercise.title}</strong> (<a href="${exerciseUrl(root, exercise.id)}">${exercise.id}</a>,
<a href="${instructorUrl(root, exercise.id)}">present it</a>)</p>
<ol>${exercise.hints.map((hint) => html`<li>${hint}</li>`)}</ol>
</div>`,
)}`;
}

/** "9:05" for 545. */
function clock(minutes: number): string {
  return `${Math.floor(minutes / 60)}:${String(minutes % 60).padStart(2, "0")}`;
}

/** "3 h 15 min" for 195. */
function hours(minutes: number): string {
  const rest = minutes % 60;
  return `${Math.floor(minutes / 60)} h${rest > 0 ? ` ${rest} min` : ""}`;
}
