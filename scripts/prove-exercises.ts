/**
 * `npm run prove`: the maintainers' proof that every exercise test checks something.
 *
 * For each exercise in workshop/manifest.ts, its test must FAIL with the
 * committed starter file in place of the solution, and PASS with the
 * solution (see scripts/proof/prove.ts). Prints a table; exits 1 on any
 * problem, naming the exercise and what went wrong. `.ci/run` runs it.
 *
 * @example
 * // npm run prove
 * // npm run prove -- --root test/fixtures/exercise-repo   (another workshop, committed in git)
 */
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { loadManifest, manifestProblems } from "../workshop/manifest-check.ts";
import { formatTable, proveExercises } from "./proof/prove.ts";

const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const { values } = parseArgs({ options: { root: { type: "string" } } });
const root = path.resolve(values.root ?? projectRoot);
const exercises = await loadManifest(root);
const problems = manifestProblems(root, exercises);

if (problems.length > 0) {
  console.error(
    `The manifest has problems; fix them first:\n${problems.map((p) => `  ${p}`).join("\n")}`,
  );
  process.exitCode = 1;
} else if (exercises.length === 0) {
  console.log("No exercises in workshop/manifest.ts yet: nothing to prove.");
} else {
  console.log(`Proving ${exercises.length} exercises against the committed starter...\n`);
  const started = performance.now();
  const rows = await proveExercises(root, exercises);
  const seconds = (performance.now() - started) / 1000;
  console.log(formatTable(rows));
  console.log(`${seconds.toFixed(1)} s, ${(seconds / rows.length).toFixed(2)} s per exercise.`);
  process.exitCode = rows.some((row) => row.problems.length > 0) ? 1 : 0;
}
