/**
 * A learner's progress, derived from test results alone.
 *
 * There is no state file to lose or to fall out of date: an exercise is solved
 * when its test passes against the learner's `starter/`, and the current
 * exercise is the first one that is not.
 *
 * @example
 * const results = await checkExercises(runner, exercises);
 * console.log(`${solvedCount(exercises, results)}/${exercises.length} solved`);
 */
import type { Exercise } from "../manifest.ts";
import { notRun } from "./outcome.ts";
import { streamRun } from "./run-stream.ts";
import type { ExerciseRunner, RunEvents, TestOutcome } from "./run-test.ts";

/** Test outcomes by exercise id. */
export type Results = ReadonlyMap<string, TestOutcome>;

/**
 * Runs the tests of these exercises (each test file once) and returns the outcomes by id.
 * `events` hears each test file's outcome as it comes, and "the machine is busy".
 *
 * @example
 * const results = await checkExercises(runner, [findExercise("05-add-header")!]);
 */
export async function checkExercises(
  runner: ExerciseRunner,
  list: readonly Exercise[],
  events: RunEvents = {},
): Promise<Map<string, TestOutcome>> {
  const tests = testsOf(list);
  const outcomes =
    tests.length === 0 ? new Map<string, TestOutcome>() : await runner.run(tests, events);
  return new Map(list.map((exercise) => [exercise.id, outcomes.get(exercise.test) ?? notRun()]));
}

/** An exercise checked, or a note that the machine is busy (the check goes on). */
export type Checked =
  | { readonly exercise: Exercise; readonly outcome: TestOutcome }
  | { readonly busy: true };

/**
 * Checks the exercises side by side, and yields each outcome in list order as soon as it,
 * and every one before it, is known: a page or a terminal can show rows as they come.
 *
 * @example
 * for await (const checked of checkInOrder(runner, exercises)) {
 *   if ("exercise" in checked) print(checked.exercise.id, checked.outcome.passed);
 * }
 */
export async function* checkInOrder(
  runner: ExerciseRunner,
  list: readonly Exercise[],
): AsyncGenerator<Checked> {
  const known = new Map<string, TestOutcome>();
  let next = 0;
  for await (const event of streamRun(runner, testsOf(list))) {
    if ("busy" in event) yield event;
    if ("test" in event) known.set(event.test, event.outcome);
    for (; next < list.length; next++) {
      const exercise = list[next] as Exercise;
      const outcome = known.get(exercise.test) ?? ("done" in event ? notRun() : undefined);
      if (outcome === undefined) break;
      yield { exercise, outcome };
    }
  }
}

function testsOf(list: readonly Exercise[]): string[] {
  return [...new Set(list.map((exercise) => exercise.test))];
}

/**
 * True when the exercise's test passed.
 *
 * @example
 * isSolved(exercise, results); // false until its test passes
 */
export function isSolved(exercise: Exercise, results: Results): boolean {
  return results.get(exercise.id)?.passed === true;
}

/**
 * How many of the exercises are solved.
 *
 * @example
 * solvedCount(exercises, results); // 3
 */
export function solvedCount(list: readonly Exercise[], results: Results): number {
  return list.filter((exercise) => isSolved(exercise, results)).length;
}

/**
 * The first exercise not solved, in manifest order; undefined when all are.
 *
 * @example
 * firstUnsolved(exercises, results)?.id; // "05-add-header"
 */
export function firstUnsolved(list: readonly Exercise[], results: Results): Exercise | undefined {
  return list.find((exercise) => !isSolved(exercise, results));
}
