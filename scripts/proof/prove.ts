/**
 * The maintainers' proof that every exercise test checks something.
 *
 * For each exercise: with `solutions/` in place and only that exercise's file
 * taken from the committed starter, its test must FAIL (else it checks nothing
 * the learner must write); with the solution file, it must PASS. One Vitest
 * instance runs every check, in one proof tree (see proof-tree.ts).
 *
 * @example
 * const rows = await proveExercises(root, exercises);
 * console.log(formatTable(rows));
 * process.exitCode = rows.some((row) => row.problems.length > 0) ? 1 : 0;
 */

import { checkExercises } from "../../workshop/learn/progress.ts";
import type { TestOutcome } from "../../workshop/learn/run-test.ts";
import { createRunner } from "../../workshop/learn/run-test.ts";
import type { Exercise } from "../../workshop/manifest.ts";
import { committedStarter, createProofTree } from "./proof-tree.ts";

/** One exercise's proof. */
export interface ProofRow {
  readonly id: string;
  /** Did its test fail with the committed starter file? undefined when it could not run. */
  readonly starterFails: boolean | undefined;
  readonly solutionPasses: boolean;
  /** What went wrong, one sentence each, starting with the exercise id. */
  readonly problems: readonly string[];
}

/**
 * Proves each exercise, in manifest order.
 *
 * @example
 * const rows = await proveExercises("/home/me/workshop", exercises);
 * rows[0]; // { id: "02-cgi-response", starterFails: true, solutionPasses: true, problems: [] }
 */
export async function proveExercises(
  root: string,
  exercises: readonly Exercise[],
): Promise<ProofRow[]> {
  const tree = createProofTree(root);
  const runner = await createRunner(root, tree.dir);
  try {
    // The tree is the whole solution: one run checks every solution at once.
    const solved = await checkExercises(runner, exercises);
    const rows: ProofRow[] = [];
    for (const exercise of exercises) {
      let starter: TestOutcome | Error;
      try {
        tree.put(exercise.file, await committedStarter(root, exercise.file));
        starter = (await checkExercises(runner, [exercise])).get(exercise.id) ?? notRun;
      } catch (error) {
        starter = error instanceof Error ? error : new Error(String(error));
      } finally {
        tree.restore(exercise.file);
      }
      rows.push(rowOf(exercise, starter, solved.get(exercise.id) ?? notRun));
    }
    return rows;
  } finally {
    await runner.close();
    tree.remove();
  }
}

const notRun: TestOutcome = {
  passed: false,
  failure: { test: "", message: "did not run" },
  output: "",
};

function rowOf(exercise: Exercise, starter: TestOutcome | Error, solution: TestOutcome): ProofRow {
  const problems: string[] = [];
  if (starter instanceof Error) {
    problems.push(`${exercise.id}: ${starter.message}`);
  } else if (starter.passed) {
    problems.push(
      `${exercise.id}: its test PASSES against the committed starter: ` +
        "the test checks nothing the learner must write",
    );
  }
  if (!solution.passed) {
    const failure = solution.failure;
    const where = failure?.test ? `${failure.test}: ` : "";
    problems.push(
      `${exercise.id}: its test FAILS against the solution: ${where}${failure?.message ?? ""}`,
    );
  }
  const starterFails = starter instanceof Error ? undefined : !starter.passed;
  return { id: exercise.id, starterFails, solutionPasses: solution.passed, problems };
}

/**
 * The proof as a table: one line per exercise, then every problem.
 *
 * @example
 * formatTable(rows);
 * // exercise         starter fails?  solution passes?
 * // 05-add-header    yes             yes
 */
export function formatTable(rows: readonly ProofRow[]): string {
  const width = Math.max("exercise".length, ...rows.map((row) => row.id.length)) + 2;
  const answer = (value: boolean | undefined) => (value === undefined ? "?" : value ? "yes" : "NO");
  const lines = rows.map(
    (row) =>
      `${row.id.padEnd(width)}${answer(row.starterFails).padEnd(16)}${answer(row.solutionPasses)}`,
  );
  const problems = rows.flatMap((row) => row.problems);
  const verdict =
    problems.length === 0
      ? `All ${rows.length} exercises proven.`
      : `${problems.length} problem${problems.length === 1 ? "" : "s"}:\n${problems.map((p) => `  ${p}`).join("\n")}`;
  return `${"exercise".padEnd(width)}starter fails?  solution passes?\n${lines.join("\n")}\n\n${verdict}\n`;
}
