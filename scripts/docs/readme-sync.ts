/**
 * Filling a README's code blocks from source files, so the text never drifts from running code.
 *
 * A comment line names the code; the fenced block right after it is its copy:
 *
 *     <!-- code: demo/app.ts#hello -->
 *     ```ts
 *     (filled in by npm run docs)
 *     ```
 *
 * `demo/app.ts#hello` is the region "hello" of `demo/app.ts` (see
 * regions.ts); `demo/app.ts` alone is the whole file. Paths are relative to
 * the README's folder. A comment with no block after it gets one, its language
 * taken from the file's extension. Comments inside other code blocks are left
 * alone, so a README can show this very syntax.
 *
 * @example
 * const result = syncReadme(markdown, (file) => readFileOrUndefined(path.join(lessonDir, file)));
 * if (result.stale.length > 0) writeFileSync(readme, result.text);
 */
import { extractRegion } from "./regions.ts";

/** One `<!-- code: ... -->` comment of a README. */
export interface BlockReference {
  /** 1-based line of the comment. */
  readonly line: number;
  /** What it names: "demo/app.ts#hello". */
  readonly reference: string;
}

/** A comment that cannot be filled, and why. */
export interface BlockProblem extends BlockReference {
  readonly problem: string;
}

/** The README with every block filled, and what was out of date or wrong. */
export interface SyncResult {
  readonly text: string;
  /** How many `<!-- code: ... -->` comments the README has. */
  readonly blocks: number;
  /** Blocks whose code differed from their source (or were missing). */
  readonly stale: readonly BlockReference[];
  readonly problems: readonly BlockProblem[];
}

const comment = /^<!--\s*code:\s*([^\s#]+)(?:#([\w.-]+))?\s*-->\s*$/;
const fence = /^(`{3,}|~{3,})(.*)$/;

const languages: Record<string, string> = {
  ts: "ts",
  js: "js",
  mjs: "js",
  json: "json",
  html: "html",
  css: "css",
  sh: "sh",
  md: "md",
  sql: "sql",
};

/**
 * Fills the blocks of one README. `read` returns a file's text (path relative
 * to the README's folder), or undefined when it does not exist.
 *
 * @example
 * syncReadme("<!-- code: app.ts -->\n", () => "export {};\n").text;
 * // "<!-- code: app.ts -->\n```ts\nexport {};\n```\n"
 */
export function syncReadme(
  markdown: string,
  read: (file: string) => string | undefined,
): SyncResult {
  const eol = markdown.includes("\r\n") ? "\r\n" : "\n";
  const lines = markdown.split(/\r?\n/);
  const output: string[] = [];
  const stale: BlockReference[] = [];
  const problems: BlockProblem[] = [];
  let blocks = 0;
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index] ?? "";
    output.push(line);
    const opening = fence.exec(line);
    if (opening !== null) {
      // Someone else's code block: copy it through untouched.
      const end = closingFence(lines, index, opening[1] ?? "```");
      output.push(...lines.slice(index + 1, end + 1));
      index = end;
      continue;
    }
    const match = comment.exec(line);
    if (match === null) continue;
    blocks++;
    const [, file = "", region] = match;
    const where = { line: index + 1, reference: region === undefined ? file : `${file}#${region}` };
    const existing = existingBlock(lines, index + 1);
    const wanted = codeOf(file, region, read);
    if ("problem" in wanted) {
      problems.push({ ...where, problem: wanted.problem });
      continue;
    }
    const block = fenced(wanted.code, existing?.info ?? languageOf(file), existing?.fence);
    if (existing === undefined || existing.lines.join("\n") !== block.join("\n")) stale.push(where);
    output.push(...block);
    if (existing !== undefined) index += existing.lines.length;
  }
  return { text: output.join(eol), blocks, stale, problems };
}

interface ExistingBlock {
  readonly lines: string[];
  readonly info: string;
  readonly fence: string;
}

/** The fenced block starting at `start`, if the line there opens one. */
function existingBlock(lines: string[], start: number): ExistingBlock | undefined {
  const opening = fence.exec(lines[start] ?? "");
  if (opening === null) return undefined;
  const end = closingFence(lines, start, opening[1] ?? "```");
  return {
    lines: lines.slice(start, end + 1),
    info: (opening[2] ?? "").trim(),
    fence: opening[1] ?? "```",
  };
}

/** The line closing the block opened at `start` (the last line when it never closes). */
function closingFence(lines: string[], start: number, opener: string): number {
  for (let index = start + 1; index < lines.length; index++) {
    const line = lines[index] ?? "";
    if (line.startsWith(opener) && line.slice(opener.length).replace(opener[0] ?? "`", "").trim() === "") {
      return index;
    }
  }
  return lines.length - 1;
}

function codeOf(
  file: string,
  region: string | undefined,
  read: (file: string) => string | undefined,
): { code: string } | { problem: string } {
  const source = read(file);
  if (source === undefined) return { problem: `${file} does not exist` };
  const result = extractRegion(source, region);
  return "problem" in result ? { problem: `${file} ${result.problem}` } : result;
}

/** The block's lines, with a fence longer than any run of fence characters in the code. */
function fenced(code: string, info: string, preferred = "```"): string[] {
  const character = preferred[0] === "~" ? "~" : "`";
  const longest = Math.max(0, ...(code.match(new RegExp(`${character}{3,}`, "g")) ?? []).map((run) => run.length));
  const fenceText = longest >= preferred.length ? character.repeat(longest + 1) : preferred;
  return [`${fenceText}${info}`, ...code.split("\n"), fenceText];
}

function languageOf(file: string): string {
  const extension = /\.([a-z]+)$/.exec(file)?.[1] ?? "";
  return languages[extension] ?? "";
}
