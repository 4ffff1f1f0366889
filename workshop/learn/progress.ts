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
import type { ExerciseRunner, TestOutcome } from "./run-test.ts";

/** Test outcomes by exercise id. */
export type Results = ReadonlyMap<string, TestOutcome>;

/**
 * Runs the tests of these exercises (each test file once) and returns the outcomes by id.
 *
 * @example
 * const results = await checkExercises(runner, [findExercise("05-add-header")!]);
 */
export async function checkExercises(
  runner: ExerciseRunner,
  list: readonly Exercise[],
): Promise<Map<string, TestOutcome>> {
  const tests = [...new Set(list.map((exercise) => exercise.test))];
  const outcomes = tests.length === 0 ? new Map<string, TestOutcome>() : await runner.run(tests);
  return new Map(
    list.flatMap((exercise) => {
      const outcome = outcomes.get(exercise.test);
      return outcome === undefined ? [] : [[exercise.id, outcome]];
    }),
  );
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
