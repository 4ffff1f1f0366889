/**
 * The lesson READMEs and their code blocks, checked or filled from the lesson's files.
 *
 * `npm run docs` writes the filled READMEs; `npm run docs -- --check` and
 * test/lessons/readme-code.test.ts report every block that differs from its
 * source, every reference to a missing file or region, and the fix.
 *
 * @example
 * for (const readme of lessonReadmes(root)) {
 *   console.log(staleMessages(syncLessonReadme(root, readme)).join("\n"));
 * }
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import type { SyncResult } from "./readme-sync.ts";
import { syncReadme } from "./readme-sync.ts";

/** One README's sync, named from the repository root ("lessons/05-.../README.md"). */
export interface ReadmeReport {
  readonly readme: string;
  readonly result: SyncResult;
}

/**
 * Every `lessons/*\/README.md` under `root`, as absolute paths, in lesson order.
 *
 * @example
 * lessonReadmes(root); // ["/home/me/workshop/lessons/01-http-by-hand/README.md", ...]
 */
export function lessonReadmes(root: string): string[] {
  const lessons = path.join(root, "lessons");
  if (!existsSync(lessons)) return [];
  return readdirSync(lessons, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => path.join(lessons, entry.name, "README.md"))
    .filter((readme) => existsSync(readme))
    .sort();
}

/**
 * Fills one README's blocks from the files beside it (nothing is written).
 *
 * @example
 * const { result } = syncLessonReadme(root, readme);
 * if (result.stale.length > 0) writeFileSync(readme, result.text);
 */
export function syncLessonReadme(root: string, readme: string): ReadmeReport {
  const folder = path.dirname(readme);
  const read = (file: string) => {
    const absolute = path.resolve(folder, ...file.split("/"));
    return existsSync(absolute) ? readFileSync(absolute, "utf8") : undefined;
  };
  const result = syncReadme(readFileSync(readme, "utf8"), read);
  return { readme: path.relative(root, readme).split(path.sep).join("/"), result };
}

/**
 * One sentence per reference that cannot be filled (missing file or region, unclosed block).
 *
 * @example
 * problemMessages(report);
 * // ["lessons/05-x/README.md:42: <!-- code: demo/app.ts#hi --> cannot be filled: demo/app.ts has no region \"hi\" (...)"]
 */
export function problemMessages({ readme, result }: ReadmeReport): string[] {
  return result.problems.map(
    ({ line, reference, problem }) =>
      `${readme}:${line}: <!-- code: ${reference} --> cannot be filled: ${problem}`,
  );
}

/**
 * One sentence per block that differs from its source, with the command that fixes it.
 *
 * @example
 * staleMessages(report);
 * // ["lessons/05-x/README.md:42: the block of demo/app.ts#hello differs from its source; run npm run docs"]
 */
export function staleMessages({ readme, result }: ReadmeReport): string[] {
  return result.stale.map(
    ({ line, reference }) =>
      `${readme}:${line}: the block of ${reference} differs from its source; run npm run docs`,
  );
}
