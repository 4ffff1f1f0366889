/**
 * What `npm run learn` prints: the progress bar, the exercise screen, the list.
 *
 * Pure functions from state to text, so the screens are tested as strings and
 * the same words appear in the watch mode, in `list` and in `check`. Colour is
 * a parameter: on when writing to a terminal, off in pipes and under NO_COLOR.
 *
 * @example
 * process.stdout.write(renderList(exercises, results, { paint: createPaint(true) }));
 */
import { DEFAULT_HOST, HTTP_PORT } from "../../gateway/cli/listen-address.ts";
import type { Exercise } from "../manifest.ts";
import { exerciseUrl } from "../urls.ts";
import type { Results } from "./progress.ts";
import { solvedCount } from "./progress.ts";
import type { TestOutcome } from "./run-test.ts";

/** Colours and emphasis; each returns its text unchanged when colour is off. */
export interface Paint {
  readonly bold: (text: string) => string;
  readonly dim: (text: string) => string;
  readonly green: (text: string) => string;
  readonly red: (text: string) => string;
  readonly yellow: (text: string) => string;
}

/**
 * ANSI colours when `enabled`, plain text otherwise.
 *
 * @example
 * const paint = createPaint(process.stdout.isTTY === true && !process.env.NO_COLOR);
 */
export function createPaint(enabled: boolean): Paint {
  const code = (open: number, close: number) => (text: string) =>
    enabled ? `\x1b[${open}m${text}\x1b[${close}m` : text;
  return {
    bold: code(1, 22),
    dim: code(2, 22),
    green: code(32, 39),
    red: code(31, 39),
    yellow: code(33, 39),
  };
}

/** Paint that leaves text as it is. */
export const plain: Paint = createPaint(false);

/**
 * "[#########>--------------------] 3/9 solved", in ASCII so every console shows it.
 *
 * @example
 * progressBar(3, 9, 10); // "[##>-------] 3/9 solved"
 */
export function progressBar(solved: number, total: number, width = 30): string {
  const filled = total === 0 ? 0 : Math.round((solved / total) * width);
  const head = filled < width && filled > 0 ? ">" : "";
  const bar = "#".repeat(filled - head.length) + head + "-".repeat(width - filled);
  return `[${bar}] ${solved}/${total} solved`;
}

/** Everything the exercise screen shows. */
export interface ExerciseView {
  readonly exercise: Exercise;
  readonly list: readonly Exercise[];
  readonly results: Results;
  /** The task statement from the top of the learner's file. */
  readonly task: string;
  /** How many hints of the ladder the learner has asked for. */
  readonly hintsShown: number;
  /** The solution's steps the learner has asked for (or why there are none), already rendered. */
  readonly steps?: readonly string[];
  /** A line above the exercise, already painted, e.g. "✓ 05-add-header solved!". */
  readonly banner?: string;
  /** True while its test runs. */
  readonly checking: boolean;
  /** True when the run has been going a while, its test alive: the machine is busy. */
  readonly busy?: boolean;
}

/**
 * The watch mode's main screen.
 *
 * @example
 * output.write(renderExercise({ exercise, list, results, task, hintsShown: 0, checking: false }, paint));
 */
export function renderExercise(view: ExerciseView, paint: Paint): string {
  const { exercise } = view;
  const outcome = view.results.get(exercise.id);
  return screen(
    view.banner,
    header(view.list, view.results, paint),
    "",
    `${paint.bold(exercise.id)}  ${exercise.title}`,
    `Edit ${paint.bold(`starter/${exercise.file}`)} and save: its test reruns.`,
    paint.dim(`In the browser: ${exercisePageAddress(exercise)} (with npm start running)`),
    "",
    indent(view.task),
    "",
    view.checking ? paint.yellow(checkingLine(view.busy)) : renderOutcome(outcome, paint),
    ...renderHints(exercise, view.hintsShown, paint),
    ...(view.steps ?? []).flatMap((step) => ["", step]),
    "",
    paint.dim("h hint · s next solution step · l list · r rerun · q quit"),
  );
}

/**
 * Every exercise with its status, and the progress; `current` is marked.
 *
 * @example
 * renderList(exercises, results, { paint: plain, current: "05-add-header" });
 */
export function renderList(
  list: readonly Exercise[],
  results: Results,
  options: { readonly paint: Paint; readonly current?: string | undefined },
): string {
  const { paint, current } = options;
  const width = Math.max(0, ...list.map((exercise) => exercise.id.length));
  const rows = list.map((exercise) =>
    renderRow(exercise, results.get(exercise.id), { paint, current, width }),
  );
  return `${header(list, results, paint)}\n\n${rows.join("")}`;
}

/**
 * One exercise's line of the list: "> ✗ 05-add-header  A middleware that adds a header".
 *
 * @example
 * renderRow(exercise, outcome, { paint: plain, current: "05-add-header", width: 16 });
 */
export function renderRow(
  exercise: Exercise,
  outcome: TestOutcome | undefined,
  options: { readonly paint: Paint; readonly current?: string | undefined; readonly width: number },
): string {
  const { paint, current, width } = options;
  const mark = outcome?.passed ? paint.green("✓") : paint.red("✗");
  const pointer = exercise.id === current ? ">" : " ";
  return `${pointer} ${mark} ${exercise.id.padEnd(width)}  ${exercise.title}\n`;
}

/**
 * What `list` prints after its rows: the progress.
 *
 * @example
 * renderListEnd(exercises, results, plain); // "\nExercises  [###>----] 3/9 solved\n"
 */
export function renderListEnd(list: readonly Exercise[], results: Results, paint: Paint): string {
  return `\n${header(list, results, paint)}\n`;
}

/**
 * The answer of `npm run learn -- check ID`.
 *
 * @example
 * renderCheck(exercise, outcome, plain); // "✓ 05-add-header solved: A middleware that adds a header"
 */
export function renderCheck(exercise: Exercise, outcome: TestOutcome, paint: Paint): string {
  if (outcome.passed) return screen(paint.green(`✓ ${exercise.id} solved: ${exercise.title}`));
  return screen(
    paint.red(`✗ ${exercise.id} not solved yet: ${exercise.title}`),
    `Edit starter/${exercise.file}.`,
    renderOutcome(outcome, paint),
    paint.dim(`Stuck? npm run learn -- hint ${exercise.id} gives a hint, one at a time.`),
    paint.dim(
      `Its page, with hints and a live verdict: ${exercisePageAddress(exercise)} (npm start)`,
    ),
  );
}

/**
 * The exercise's page on the workshop home, where `npm start` serves it by default.
 *
 * @example
 * exercisePageAddress(exercise); // "http://127.0.0.1:8000/exercises/05-add-header"
 */
export function exercisePageAddress(exercise: Exercise): string {
  return `http://${DEFAULT_HOST}:${HTTP_PORT}${exerciseUrl("", exercise.id)}`;
}

/**
 * The closing screen, once every test passes.
 *
 * @example
 * renderAllSolved(exercises, results, plain);
 */
export function renderAllSolved(list: readonly Exercise[], results: Results, paint: Paint): string {
  return screen(
    header(list, results, paint),
    "",
    paint.green(`✓ All ${list.length} exercises solved. Well done!`),
    "Saving a file still reruns its test. l lists the exercises, q quits.",
  );
}

function header(list: readonly Exercise[], results: Results, paint: Paint): string {
  return `${paint.bold("Exercises")}  ${progressBar(solvedCount(list, results), list.length)}`;
}

function renderOutcome(outcome: TestOutcome | undefined, paint: Paint): string {
  if (outcome === undefined) return paint.yellow("Not checked yet.");
  if (outcome.passed) return paint.green("✓ Its test passes.");
  const failure = outcome.failure;
  return join(
    paint.red(`✗ ${failure?.test || "The test failed"}`),
    failure === undefined ? undefined : indent(failure.message),
    failure?.where === undefined ? undefined : indent(paint.dim(`at ${failure.where}`)),
    outcome.output === ""
      ? undefined
      : join("Your code printed:", indent(outcome.output.trimEnd())),
  );
}

/**
 * What the screen says while tests run: on a busy machine, that they still run.
 *
 * @example
 * checkingLine(true, "your exercises (3/31)");
 * // "Checking your exercises (3/31)... still running (the machine is busy)"
 */
export function checkingLine(busy = false, what = ""): string {
  const checking = what === "" ? "Checking..." : `Checking ${what}...`;
  return busy ? `${checking} still running (the machine is busy)` : checking;
}

function renderHints(exercise: Exercise, shown: number, paint: Paint): string[] {
  const total = exercise.hints.length;
  return exercise.hints
    .slice(0, shown)
    .map((hint, index) => `${paint.yellow(`Hint ${index + 1}/${total}:`)} ${hint}`);
}

function indent(text: string): string {
  return text
    .split("\n")
    .map((line) => (line === "" ? line : `  ${line}`))
    .join("\n");
}

/** A whole screen: the lines that are present, ending in a newline. */
function screen(...parts: Array<string | undefined>): string {
  return `${join(...parts)}\n`;
}

/** Joins lines, leaving out the absent ones ("" stays, as a blank line). */
function join(...parts: Array<string | undefined>): string {
  return parts.filter((part): part is string => part !== undefined).join("\n");
}
