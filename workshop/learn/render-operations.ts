/**
 * What `npm run learn` prints for hint, solution, reset, catch-up and restore.
 *
 * Pure functions from an operation's result to text, as in render.ts: every
 * change says exactly which files it wrote, where the learner's versions
 * went, and the one command that undoes it.
 *
 * @example
 * const words = { did: "Put back as shipped", already: "it is as shipped" };
 * process.stdout.write(renderChange(change, words, plain));
 */
import type { Exercise } from "../manifest.ts";
import type { Backup, CatchUp, Change, Hint, SolutionStep } from "./operations.ts";
import type { Paint } from "./render.ts";

const command = "npm run learn --";

/**
 * One hint, and how to ask for the next.
 *
 * @example
 * renderHint(exercise, { number: 1, total: 3, text: "..." }, plain);
 * // "Hint 1/3 for 05-add-header: ...\nThe next: npm run learn -- hint 05-add-header 2\n"
 */
export function renderHint(exercise: Exercise, hint: Hint, paint: Paint): string {
  const next =
    hint.number < hint.total
      ? `The next: ${command} hint ${exercise.id} ${hint.number + 1}`
      : `That was the last hint. Still stuck? ${command} solution ${exercise.id}`;
  return lines(
    `${paint.yellow(`Hint ${hint.number}/${hint.total}`)} for ${paint.bold(exercise.id)}: ${hint.text}`,
    paint.dim(next),
  );
}

/**
 * The list of solution steps, by title only: the learner picks how far to look.
 *
 * @example
 * renderSolutionOverview(exercise, steps, plain);
 */
export function renderSolutionOverview(
  exercise: Exercise,
  steps: readonly SolutionStep[],
  paint: Paint,
): string {
  const count = steps.length === 1 ? "one step" : `${steps.length} steps`;
  return lines(
    `The reference solution of ${paint.bold(exercise.id)} is ${count} from the starter as shipped:`,
    ...steps.map((step) => `  ${step.number}. ${step.title ?? `a change at line ${step.line}`}`),
    paint.dim(`See one step at a time: ${command} solution ${exercise.id} 1`),
  );
}

/**
 * One step: where it goes, the lines out (-) and in (+), and how to see the next.
 *
 * @example
 * renderSolutionStep(exercise, step, plain);
 */
export function renderSolutionStep(exercise: Exercise, step: SolutionStep, paint: Paint): string {
  const next =
    step.number < step.total
      ? `The next: ${command} solution ${exercise.id} ${step.number + 1}`
      : "That was the last step: save, and the test tells you if it passes.";
  return lines(renderStepBody(exercise, step, paint), paint.dim(next));
}

/**
 * A step without a line after it: the watch mode shows its own keys instead.
 *
 * @example
 * renderStepBody(exercise, step, plain); // "Step 1/2 of 05-add-header: ...\nIn starter/..."
 */
export function renderStepBody(exercise: Exercise, step: SolutionStep, paint: Paint): string {
  const title = step.title === undefined ? "" : `: ${step.title}`;
  return [
    paint.bold(`Step ${step.number}/${step.total} of ${exercise.id}${title}`),
    `In starter/${exercise.file}, at line ${step.line} of the file as shipped:`,
    ...step.removed.map((line) => paint.red(`- ${line}`)),
    ...step.added.map((line) => paint.green(`+ ${line}`)),
  ].join("\n");
}

/**
 * What a reset or a restore wrote, where the old versions went, and how to undo it;
 * `already` says why nothing was written, when nothing was.
 *
 * @example
 * renderChange(change, { did: "Put back as shipped", already: "it is as shipped" }, plain);
 */
export function renderChange(
  change: Change,
  words: { readonly did: string; readonly already: string },
  paint: Paint,
): string {
  if (change.written.length === 0) return lines(`Nothing to do: ${words.already}.`);
  return lines(
    ...change.written.map((file) => `${paint.green("✓")} ${words.did}: ${file}`),
    ...kept(change.backup),
  );
}

/**
 * What catch-up left alone, what it replaced, and how each replaced exercise does now.
 *
 * @example
 * renderCatchUp(exercise, result, plain);
 */
export function renderCatchUp(exercise: Exercise, result: CatchUp, paint: Paint): string {
  if (result.caughtUp.length === 0) {
    return lines(`Every exercise before ${exercise.id} is solved: nothing to catch up.`);
  }
  return lines(
    ...result.solved.map(
      (each) => `  ${paint.green("✓")} ${each.id}: solved, left as you wrote it`,
    ),
    ...result.caughtUp.map(({ exercise: each, outcome }) => {
      const now = outcome.passed
        ? "its test passes now"
        : `its test still fails: ${outcome.failure?.message ?? ""}`;
      return `  ${paint.yellow("→")} ${each.id}: starter/${each.file} is the reference now; ${now}`;
    }),
    ...kept(result.backup),
    `You are caught up: go on with ${paint.bold(exercise.id)} (npm run learn).`,
  );
}

/** Where the learner's versions went, and the command that puts them back. */
function kept(backup: Backup | undefined): string[] {
  if (backup === undefined) return [];
  return [
    `Your versions are kept in ${backup.folder}/.`,
    `To undo: ${command} restore ${backup.id}`,
  ];
}

function lines(...parts: string[]): string {
  return `${parts.join("\n")}\n`;
}
