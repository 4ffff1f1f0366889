/**
 * The learner's operations: hint, solution, reset, catch-up and restore.
 *
 * One set of operations, two faces: `npm run learn` in the terminal and the
 * workshop home in the browser. So nothing here prints or asks: each
 * operation returns what it found or what it changed (with the backup that
 * undoes it), and throws an `OperationError`, having changed nothing, when
 * it cannot be done. The faces decide the words.
 *
 * What changes a file never loses one: `reset`, `catchUp` and `restore`
 * first copy every file they replace into a backup (backups.ts), and
 * `restore` puts a backup back, which is also how each of them is undone.
 *
 * @example
 * const step = await solutionStep(root, exercise, 1);
 * const change = await reset(root, exercise);
 * console.log(`undo with: npm run learn -- restore ${change.backup?.id}`);
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { Exercise } from "../manifest.ts";
import { hasReferenceAnswers, missingReferenceAnswers } from "../reference-answers.ts";
import { type Backup, backUp, inside, readBackup } from "./backups.ts";
import { OperationError } from "./operation-error.ts";
import { checkExercises } from "./progress.ts";
import type { ExerciseRunner, TestOutcome } from "./run-test.ts";
import { shippedStarter } from "./shipped-starter.ts";
import { type SolutionStep, solutionSteps } from "./solution-steps.ts";

export type { Backup } from "./backups.ts";
export { OperationError } from "./operation-error.ts";
export type { SolutionStep } from "./solution-steps.ts";

/** One hint of an exercise's ladder. */
export interface Hint {
  /** 1-based. */
  readonly number: number;
  readonly total: number;
  readonly text: string;
}

/** What an operation did to the learner's files. */
export interface Change {
  /** The files written, by their path from the root ("starter/..."). */
  readonly written: readonly string[];
  /** The copies of what they held before; undefined when nothing was overwritten. */
  readonly backup: Backup | undefined;
}

/** What `catchUp` did: a `Change`, and why each earlier exercise was or was not touched. */
export interface CatchUp extends Change {
  /** Earlier exercises whose tests passed: left as the learner wrote them. */
  readonly solved: readonly Exercise[];
  /** Earlier exercises given the reference, with their test's outcome afterwards. */
  readonly caughtUp: ReadonlyArray<{ readonly exercise: Exercise; readonly outcome: TestOutcome }>;
}

/**
 * Hint `number` (1-based) of the exercise's ladder.
 *
 * @example
 * hint(exercise, 2); // { number: 2, total: 3, text: "Wrap startResponse: ..." }
 */
export function hint(exercise: Exercise, number = 1): Hint {
  const total = exercise.hints.length;
  const text = exercise.hints[number - 1];
  if (!Number.isInteger(number) || text === undefined) {
    throw new OperationError(
      "no-such-step",
      `${exercise.id} has hints 1 to ${total}, not ${number}`,
    );
  }
  return { number, total, text };
}

/**
 * Every step from the starter as shipped to the reference solution.
 *
 * @example
 * (await solution(root, exercise)).map((step) => step.title);
 */
export async function solution(root: string, exercise: Exercise): Promise<SolutionStep[]> {
  const reference = readReference(root, exercise);
  const shipped = await shippedStarter(root, exercise.file);
  return solutionSteps(shipped.toString("utf8"), reference.toString("utf8"));
}

/**
 * Step `number` (1-based) of the reference solution.
 *
 * @example
 * await solutionStep(root, exercise, 2); // { number: 2, total: 3, title, line, removed, added }
 */
export async function solutionStep(
  root: string,
  exercise: Exercise,
  number: number,
): Promise<SolutionStep> {
  const steps = await solution(root, exercise);
  const step = steps[number - 1];
  if (!Number.isInteger(number) || step === undefined) {
    const which = steps.length === 1 ? "one step" : `steps 1 to ${steps.length}`;
    throw new OperationError(
      "no-such-step",
      `the solution of ${exercise.id} has ${which}, not ${number}`,
    );
  }
  return step;
}

/**
 * Puts the exercise's file back as shipped, after copying the learner's version to a backup.
 * A file that already is as shipped is left alone (no backup, nothing written).
 *
 * @example
 * const { written, backup } = await reset(root, exercise);
 */
export async function reset(root: string, exercise: Exercise): Promise<Change> {
  const shipped = await shippedStarter(root, exercise.file);
  return replace(root, [{ file: starterPath(exercise), content: shipped }], `reset ${exercise.id}`);
}

/**
 * Gives every exercise before `exercise` whose test fails its reference solution, backing up the
 * learner's versions, then checks them again. Solved ones are left alone.
 *
 * @example
 * const result = await catchUp(root, exercises, findExercise("11-csrf")!, runner);
 * result.caughtUp.map(({ exercise }) => exercise.id); // ["11-check-password", ...]
 */
export async function catchUp(
  root: string,
  list: readonly Exercise[],
  exercise: Exercise,
  runner: ExerciseRunner,
): Promise<CatchUp> {
  if (!hasReferenceAnswers(root)) throw new OperationError("no-reference", missingReferenceAnswers);
  const index = list.findIndex((each) => each.id === exercise.id);
  if (index === -1)
    throw new OperationError("no-such-exercise", `${exercise.id} is not in the list`);
  const earlier = list.slice(0, index);
  const before = await checkExercises(runner, earlier);
  const behind = earlier.filter((each) => before.get(each.id)?.passed !== true);
  const solved = earlier.filter((each) => before.get(each.id)?.passed === true);
  const files = behind.map((each) => ({
    file: starterPath(each),
    content: readReference(root, each),
  }));
  const change = replace(root, files, `catch-up ${exercise.id}`);
  const after = await checkExercises(runner, behind);
  const caughtUp = behind.map((each) => ({
    exercise: each,
    outcome: after.get(each.id) as TestOutcome,
  }));
  return { ...change, solved, caughtUp };
}

/**
 * Puts the files of a backup back where they were, after backing up what is there now
 * (so a restore is undone by restoring the backup it made).
 *
 * @example
 * await restore(root, "2026-12-07T10-15-30.123Z");
 */
export function restore(root: string, id: string): Change {
  const backup = readBackup(root, id);
  const files = backup.files.map((file) => ({
    file,
    content: readFileSync(inside(root, `${backup.folder}/${file}`)),
  }));
  return replace(root, files, `restore ${id}`);
}

/** Writes each file, first copying to one backup every existing file that would change. */
function replace(
  root: string,
  files: ReadonlyArray<{ readonly file: string; readonly content: Buffer }>,
  operation: string,
): Change {
  const changing = files.filter(({ file, content }) => !sameText(root, file, content));
  const existing = changing
    .map(({ file }) => file)
    .filter((file) => existsSync(inside(root, file)));
  const backup = existing.length === 0 ? undefined : backUp(root, existing, operation);
  for (const { file, content } of changing) {
    mkdirSync(path.dirname(inside(root, file)), { recursive: true });
    writeFileSync(inside(root, file), content);
  }
  return { written: changing.map(({ file }) => file), backup };
}

/** True when the file holds this text already (line ends aside: git may have changed them). */
function sameText(root: string, file: string, content: Buffer): boolean {
  const absolute = inside(root, file);
  if (!existsSync(absolute)) return false;
  const normal = (bytes: Buffer) => bytes.toString("utf8").replaceAll("\r\n", "\n");
  return normal(readFileSync(absolute)) === normal(content);
}

function readReference(root: string, exercise: Exercise): Buffer {
  if (!hasReferenceAnswers(root)) throw new OperationError("no-reference", missingReferenceAnswers);
  const file = inside(root, `solutions/${exercise.file}`);
  if (!existsSync(file)) {
    throw new OperationError(
      "no-reference",
      `solutions/${exercise.file} is missing from this copy`,
    );
  }
  return readFileSync(file);
}

function starterPath(exercise: Exercise): string {
  return `starter/${exercise.file}`;
}
