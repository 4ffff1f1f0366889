/**
 * What every `npm run learn` command works with: the streams, the workshop, and a few helpers
 * they share (the shared runner, an exercise by id, one line of output and an exit code).
 *
 * @example
 * const exercise = exerciseOf(context, "05-add-header");
 * return withRunner(context, async (runner) => say(context.io.output, "done\n", 0));
 */
import type { Exercise } from "../manifest.ts";
import { findExercise } from "../manifest.ts";
import { OperationError } from "./operation-error.ts";
import type { Paint } from "./render.ts";
import type { ExerciseRunner } from "./run-test.ts";
import { sharedRunner } from "./shared-runner.ts";
import type { KeyInput } from "./watch.ts";

/** Where `learn` reads and writes; `process` in the CLI, streams in tests. */
export interface LearnIO {
  readonly input: KeyInput;
  readonly output: NodeJS.WritableStream & { readonly isTTY?: boolean };
  readonly errors: NodeJS.WritableStream;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Where SIGINT comes from in the watch mode (the CLI passes `process`). */
  readonly interrupts?: {
    once(event: "SIGINT", listener: () => void): unknown;
    off(event: "SIGINT", listener: () => void): unknown;
  };
}

/** One command's world. */
export interface Context {
  readonly io: LearnIO;
  /** The checkout (absolute). */
  readonly root: string;
  /** The tree checked (absolute): `<root>/starter` unless `--tree` says otherwise. */
  readonly tree: string;
  readonly exercises: readonly Exercise[];
  readonly paint: Paint;
}

/**
 * Runs `use` with the checkout's shared runner, and lets go of it after.
 *
 * @example
 * await withRunner(context, (runner) => list(runner, context));
 */
export async function withRunner(
  context: Context,
  use: (runner: ExerciseRunner) => Promise<number>,
): Promise<number> {
  const runner = sharedRunner(context.root, context.tree);
  try {
    return await use(runner);
  } finally {
    await runner.close();
  }
}

/**
 * A runner whose runs say, once each, on the error stream, when the machine is busy.
 *
 * @example
 * await checkExercises(sayingBusy(runner, io), [exercise]);
 */
export function sayingBusy(runner: ExerciseRunner, io: LearnIO): ExerciseRunner {
  return {
    run: (tests, events = {}) =>
      runner.run(tests, { ...events, onBusy: () => io.errors.write(busyNotice) }),
    close: () => runner.close(),
  };
}

/** What a command says while its tests run on a busy machine. */
export const busyNotice = "Still running (the machine is busy)...\n";

/**
 * The exercise with this id; an unknown one is a refusal that says where the ids are.
 *
 * @example
 * exerciseOf(context, "05-add-header").file; // "05-function-middleware/add-header.ts"
 */
export function exerciseOf(context: Context, id: string | undefined): Exercise {
  const exercise = findExercise(id ?? "", context.exercises);
  if (exercise !== undefined) return exercise;
  throw new OperationError(
    "no-such-exercise",
    `there is no exercise "${id}". npm run learn -- list shows them all.`,
  );
}

/**
 * Writes `text` and gives back the exit code, so a command can end with `return say(...)`.
 *
 * @example
 * return say(io.errors, "check needs an exercise id\n", 2);
 */
export function say(stream: NodeJS.WritableStream, text: string, code: number): number {
  stream.write(text);
  return code;
}
