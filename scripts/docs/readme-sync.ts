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

const comment = /^(\s*)<!--\s*code:\s*([^\s#]+)(?:#([\w.-]+))?\s*-->\s*$/;
const fence = /^\s*(`{3,}|~{3,})(.*)$/;

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
  const lines = markdown.split(/\r?\n/);
  const output: string[] = [];
  const stale: BlockReference[] = [];
  const problems: BlockProblem[] = [];
  let blocks = 0;
  let index = 0;
  while (index < lines.length) {
    const match = comment.exec(lines[index] ?? "");
    if (match === null) {
      // Plain text, or someone else's code block: copied through untouched.
      const end = fence.test(lines[index] ?? "") ? blockEnd(lines, index) : index;
      output.push(...lines.slice(index, end + 1));
      index = end + 1;
      continue;
    }
    blocks++;
    const filled = fillBlock(lines, index, match, read);
    output.push(...filled.lines);
    if (filled.stale) stale.push(filled.stale);
    if (filled.problem) problems.push(filled.problem);
    index = filled.next;
  }
  const eol = markdown.includes("\r\n") ? "\r\n" : "\n";
  return { text: output.join(eol), blocks, stale, problems };
}

interface FilledBlock {
  /** The comment line and what follows it, filled. */
  readonly lines: string[];
  /** The index of the first line after them. */
  readonly next: number;
  readonly stale?: BlockReference;
  readonly problem?: BlockProblem;
}

/** Fills the block after the `<!-- code: ... -->` comment at `index` (blank lines between are kept). */
function fillBlock(
  lines: string[],
  index: number,
  match: RegExpExecArray,
  read: (file: string) => string | undefined,
): FilledBlock {
  const [, indent = "", file = "", region] = match;
  const where = { line: index + 1, reference: region === undefined ? file : `${file}#${region}` };
  const untouched = { lines: [lines[index] ?? ""], next: index + 1 };
  let start = index + 1;
  while (start < lines.length && lines[start]?.trim() === "") start++;
  const existing = existingBlock(lines, start);
  if (existing === null) {
    return { ...untouched, problem: { ...where, problem: "the code block after it never closes" } };
  }
  const wanted = codeOf(file, region, read);
  if ("problem" in wanted) return { ...untouched, problem: { ...where, problem: wanted.problem } };
  const block = fenced(wanted.code, {
    indent,
    info: existing?.info ?? languageOf(file),
    fence: existing?.fence ?? "```",
  });
  if (existing === undefined)
    return { lines: [...untouched.lines, ...block], next: index + 1, stale: where };
  const changed = existing.lines.join("\n") !== block.join("\n");
  return {
    lines: [...lines.slice(index, start), ...block],
    next: start + existing.lines.length,
    ...(changed && { stale: where }),
  };
}

interface ExistingBlock {
  readonly lines: string[];
  readonly info: string;
  readonly fence: string;
}

/** The fenced block starting at `start`: undefined when there is none, null when it never closes. */
function existingBlock(lines: string[], start: number): ExistingBlock | undefined | null {
  const opening = fence.exec(lines[start] ?? "");
  if (opening === null) return undefined;
  const opener = opening[1] ?? "```";
  const end = closingFence(lines, start, opener);
  if (end === -1) return null;
  return { lines: lines.slice(start, end + 1), info: (opening[2] ?? "").trim(), fence: opener };
}

/** The last line of the code block opened at `start` (the last line of all when it never closes). */
function blockEnd(lines: string[], start: number): number {
  const end = closingFence(lines, start, fence.exec(lines[start] ?? "")?.[1] ?? "```");
  return end === -1 ? lines.length - 1 : end;
}

/** The line closing the block opened at `start` with `opener`, or -1 when it never closes. */
function closingFence(lines: string[], start: number, opener: string): number {
  const closing = new RegExp(`^\\s*${opener[0]}{${opener.length},}\\s*$`);
  return lines.findIndex((line, index) => index > start && closing.test(line));
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

interface FenceStyle {
  readonly indent: string;
  readonly info: string;
  readonly fence: string;
}

/** The block's lines, fenced longer than any run of fence characters in the code. */
function fenced(code: string, style: FenceStyle): string[] {
  const character = style.fence[0] === "~" ? "~" : "`";
  const runs = code.match(new RegExp(`${character}{3,}`, "g")) ?? [];
  const longest = Math.max(0, ...runs.map((run) => run.length));
  const fenceText = longest >= style.fence.length ? character.repeat(longest + 1) : style.fence;
  const body = code.split("\n").map((line) => (line === "" ? "" : style.indent + line));
  return [`${style.indent}${fenceText}${style.info}`, ...body, `${style.indent}${fenceText}`];
}

function languageOf(file: string): string {
  // Web server configs are named for their server (lesson 12's nginx.conf.template, httpd.conf.template).
  if (/nginx[^/]*\.conf/.test(file)) return "nginx";
  if (/(httpd|apache)[^/]*\.conf/.test(file)) return "apache";
  const extension = /\.([a-z]+)$/.exec(file)?.[1] ?? "";
  return languages[extension] ?? "";
}
