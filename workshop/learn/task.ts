/**
 * The task statement of an exercise: the comment block that opens its starter file.
 *
 * Exercise files state their task at the top, so the learner reads it in the
 * editor and `npm run learn` shows the very same text.
 *
 * @example
 * taskOf(readFileSync("starter/05-function-middleware/add-header.ts", "utf8"));
 * // "Exercise: add a header.\n\nWrap the app so every answer carries X-Powered-By..."
 */

/**
 * The opening comment of a source file, without its comment markers; "" when there is none.
 *
 * @example
 * taskOf("// Count the words.\n// Use words().\nexport function count() {}");
 * // "Count the words.\nUse words()."
 */
export function taskOf(source: string): string {
  const lines = source
    .replace(/^#!.*\n/, "")
    .trimStart()
    .split(/\r?\n/);
  const first = lines[0] ?? "";
  if (first.startsWith("/*")) return blockComment(lines);
  if (first.startsWith("//")) return lineComments(lines);
  return "";
}

function blockComment(lines: string[]): string {
  const end = lines.findIndex((line) => line.includes("*/"));
  const body = lines.slice(0, end === -1 ? lines.length : end + 1).map((line) =>
    line
      .replace(/^\s*\/\*\*? ?/, "")
      .replace(/\*\/.*$/, "")
      .replace(/^\s*\* ?/, ""),
  );
  return trimBlankLines(body);
}

function lineComments(lines: string[]): string {
  const end = lines.findIndex((line) => !line.trimStart().startsWith("//"));
  const comment = lines.slice(0, end === -1 ? lines.length : end);
  return trimBlankLines(comment.map((line) => line.replace(/^\s*\/\/ ?/, "")));
}

function trimBlankLines(lines: string[]): string {
  return lines
    .map((line) => line.trimEnd())
    .join("\n")
    .replace(/^\n+|\n+$/g, "");
}
