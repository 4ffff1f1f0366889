/**
 * The learner's operations on the command line: `hint`, `solution`, `reset`, `catch-up` and
 * `restore`. Each calls its operation (operations.ts) and prints what it found or changed
 * (render-operations.ts); none asks a question, so each works in a script as on a terminal.
 *
 * @example
 * await showSolution(context, exerciseOf(context, "05-add-header"), "2");
 */
import type { Exercise } from "../manifest.ts";
import type { Context } from "./command-context.ts";
import { say, sayingBusy, withRunner } from "./command-context.ts";
import { OperationError } from "./operation-error.ts";
import { catchUp, hint, reset, restore, solution, solutionStep } from "./operations.ts";
import {
  renderCatchUp,
  renderChange,
  renderHint,
  renderSolutionOverview,
  renderSolutionStep,
} from "./render-operations.ts";

/**
 * `hint ID [N]`: hint N of the ladder (the first by default).
 *
 * @example
 * await showHint(context, exercise, "2");
 */
export async function showHint(context: Context, exercise: Exercise, n?: string): Promise<number> {
  const shown = hint(exercise, stepNumber(n));
  return say(context.io.output, renderHint(exercise, shown, context.paint), 0);
}

/**
 * `solution ID [N]`: the steps by name, or step N's lines.
 *
 * @example
 * await showSolution(context, exercise); // the list of steps
 */
export async function showSolution(
  context: Context,
  exercise: Exercise,
  n?: string,
): Promise<number> {
  const { io, root, paint } = context;
  if (n === undefined) {
    const steps = await solution(root, exercise);
    return say(io.output, renderSolutionOverview(exercise, steps, paint), 0);
  }
  const step = await solutionStep(root, exercise, stepNumber(n));
  return say(io.output, renderSolutionStep(exercise, step, paint), 0);
}

/**
 * `reset ID`: the file back as shipped, the learner's kept.
 *
 * @example
 * await resetFile(context, exercise);
 */
export async function resetFile(context: Context, exercise: Exercise): Promise<number> {
  const change = await reset(context.root, exercise);
  const words = { did: "Put back as shipped", already: `starter/${exercise.file} is as shipped` };
  return say(context.io.output, renderChange(change, words, context.paint), 0);
}

/**
 * `catch-up ID`: the reference for every earlier exercise that fails.
 *
 * @example
 * await catchUpTo(context, exercise);
 */
export function catchUpTo(context: Context, exercise: Exercise): Promise<number> {
  const { io, root, exercises, paint } = context;
  return withRunner(context, async (runner) => {
    const result = await catchUp(root, exercises, exercise, sayingBusy(runner, io));
    return say(io.output, renderCatchUp(exercise, result, paint), 0);
  });
}

/**
 * `restore BACKUP`: a backup's files put back, what they replace kept.
 *
 * @example
 * await restoreBackup(context, "2026-12-07T10-15-30.123Z");
 */
export async function restoreBackup(context: Context, id: string): Promise<number> {
  const change = restore(context.root, id);
  const words = { did: "Put back from the backup", already: "every file is as in the backup" };
  return say(context.io.output, renderChange(change, words, context.paint), 0);
}

/** A step or hint number from the command line: a whole number from 1. */
function stepNumber(text: string | undefined): number {
  if (text === undefined) return 1;
  const number = Number(text);
  if (Number.isInteger(number) && number >= 1) return number;
  throw new OperationError("no-such-step", `"${text}" is not a step number: use 1, 2, 3...`);
}
