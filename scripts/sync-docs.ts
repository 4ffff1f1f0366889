/**
 * `npm run docs`: fills the code blocks of the lesson READMEs from the lessons' files.
 *
 * In a README, `<!-- code: demo/app.ts#hello -->` right before a fenced block
 * makes that block a copy of the region "hello" of `demo/app.ts` (marked
 * `// #region hello` ... `// #endregion hello`); `<!-- code: demo/app.ts -->`
 * copies the whole file. See scripts/docs/readme-sync.ts.
 *
 * `--check` writes nothing and exits 1 when a block is out of date or a
 * reference is broken (test/lessons/readme-code.test.ts does the same in `npm test`).
 *
 * @example
 * // npm run docs
 * // npm run docs -- --check
 */
import { writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import type { ReadmeReport } from "./docs/lesson-readmes.ts";
import {
  lessonReadmes,
  problemMessages,
  staleMessages,
  syncLessonReadme,
} from "./docs/lesson-readmes.ts";

const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const { values } = parseArgs({
  options: { check: { type: "boolean" }, root: { type: "string" } },
});
const root = path.resolve(values.root ?? projectRoot);
const reports = lessonReadmes(root).map((readme) => syncLessonReadme(root, readme));
const problems = reports.flatMap(problemMessages);
const stale = reports.flatMap(staleMessages);

for (const message of problems) console.error(message);
if (values.check) {
  for (const message of stale) console.error(message);
  const total = problems.length + stale.length;
  console.log(total === 0 ? "Every README code block matches its source." : `${total} to fix.`);
  process.exitCode = total === 0 ? 0 : 1;
} else {
  const written = reports.filter((report) => report.result.stale.length > 0).map(write);
  console.log(`${written.length} README${written.length === 1 ? "" : "s"} updated.`);
  process.exitCode = problems.length === 0 ? 0 : 1;
}

function write(report: ReadmeReport): string {
  writeFileSync(path.join(root, ...report.readme.split("/")), report.result.text);
  console.log(`${report.readme}: ${report.result.stale.length} block(s) updated`);
  return report.readme;
}
