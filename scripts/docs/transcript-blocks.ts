/**
 * Transcript blocks: the fenced blocks of a lesson README that show what a command prints.
 *
 * A transcript is a code block whose info string starts with its highlighting
 * language, as any block's does, followed by the word `transcript` and what
 * to run:
 *
 *     ```console transcript server="npm run demo -- 1" run="curl -si http://127.0.0.1:8001/hello"
 *     $ curl -si http://127.0.0.1:8001/hello
 *     HTTP/1.1 200 OK
 *     ...
 *     ```
 *
 * - `run`: the command whose output the block shows (stdout and stderr, as a
 *   terminal shows them);
 * - `server` (optional): a command started first, and stopped after the
 *   README's last block that names it; a README's blocks that name the same
 *   server share one process of it;
 * - `show="server"`: the block shows what the server printed instead, since
 *   the block before (from its start, for the first block of that server),
 *   until `run` has finished and the server has printed `until`; without
 *   `run`, a start of the server of its own, to Ctrl-C;
 * - `until="text"`: after `run`, wait until the server has printed this (a
 *   log line written after the answer), so that the next block starts clean;
 * - `ready="text"`: the server is ready for `run` once it has printed this
 *   (by default, once it has printed its port: a server whose workers
 *   announce the port one by one says `ready="Serving"`);
 * - `needs="apache"` (or nginx, chromium, postgres, curl): a program the run
 *   needs beyond Node, so the check runs in the peers tier.
 *
 * In a `console` block the output follows the command, after `$ `; any other
 * language shows the output alone. Values are written in double quotes and
 * cannot hold a double quote (use single quotes inside the command).
 * Highlighting reads only the first word (h-lessons' renderer, GitHub's).
 *
 * @example
 * const blocks = transcriptBlocks(readFileSync("lessons/01-http-by-hand/README.md", "utf8"));
 * blocks[0]?.spec.run; // "curl -si http://127.0.0.1:8001/hello"
 */

/** What a transcript block asks to run. */
export interface TranscriptSpec {
  /** The highlighting language, the info string's first word ("console", "http", "text"). */
  readonly language: string;
  readonly run?: string;
  readonly server?: string;
  /** "server" to show the server's output instead of the client's. */
  readonly show: "run" | "server";
  /** Text the server prints once it has done what this block shows (before it is stopped). */
  readonly until?: string;
  /** Text the server prints once it is ready for clients (by default, its port). */
  readonly ready?: string;
  /** Programs beyond Node the run needs ("apache", "nginx", ...). */
  readonly needs: readonly string[];
}

/** One transcript block of a README, where it is and what it says now. */
export interface TranscriptBlock {
  readonly spec: TranscriptSpec;
  /** 1-based line of the opening fence. */
  readonly line: number;
  /** Indexes (0-based) of the opening and closing fence lines. */
  readonly open: number;
  readonly close: number;
  /** The block's text now, without its fences. */
  readonly body: string;
}

const fence = /^(\s*)(`{3,}|~{3,})(.*)$/;
const attribute = /(\w+)="([^"]*)"/g;
const keys = new Set(["run", "server", "show", "until", "ready", "needs"]);

/**
 * The info string's transcript spec, or a sentence saying what is wrong with
 * it; undefined when the block is not a transcript.
 *
 * @example
 * parseInfo('console transcript run="npx gateway --help"'); // { language: "console", run: "...", show: "run", needs: [] }
 * parseInfo("ts"); // undefined
 */
export function parseInfo(info: string): TranscriptSpec | { problem: string } | undefined {
  const [language = "", marker, ...rest] = info.trim().split(/\s+/);
  if (marker !== "transcript") return undefined;
  const values = new Map<string, string>();
  const attributes = rest.join(" ");
  for (const [, key = "", value = ""] of attributes.matchAll(attribute)) {
    if (!keys.has(key)) return { problem: `unknown attribute ${key}= (known: ${[...keys]})` };
    values.set(key, value);
  }
  if (attributes.replace(attribute, "").trim() !== "") {
    return { problem: `write each attribute as name="value": ${attributes}` };
  }
  const show = values.get("show") ?? "run";
  if (show !== "run" && show !== "server") return { problem: `show= is "run" or "server"` };
  const spec = {
    language,
    run: values.get("run"),
    server: values.get("server"),
    show,
    until: values.get("until"),
    ready: values.get("ready"),
    needs: (values.get("needs") ?? "").split(",").filter((need) => need !== ""),
  } as const;
  if (spec.run === undefined && spec.show === "run") return { problem: `run="..." is missing` };
  if (spec.server === undefined && spec.show === "server") {
    return { problem: `show="server" needs server="..."` };
  }
  return spec;
}

/**
 * Every transcript block of a README, and a sentence per malformed one.
 *
 * @example
 * const { blocks, problems } = transcriptBlocks(markdown);
 */
export function transcriptBlocks(markdown: string): {
  blocks: TranscriptBlock[];
  problems: { line: number; problem: string }[];
} {
  const lines = markdown.split(/\r?\n/);
  const blocks: TranscriptBlock[] = [];
  const problems: { line: number; problem: string }[] = [];
  for (let index = 0; index < lines.length; index++) {
    const opening = fence.exec(lines[index] ?? "");
    if (opening === null) continue;
    const [, indent = "", opener = "```", info = ""] = opening;
    const closing = new RegExp(`^\\s*${opener[0]}{${opener.length},}\\s*$`);
    const close = lines.findIndex((line, at) => at > index && closing.test(line));
    const spec = parseInfo(info);
    if (spec !== undefined && close === -1) {
      problems.push({ line: index + 1, problem: "the transcript block never closes" });
    } else if (spec !== undefined && "problem" in spec) {
      problems.push({ line: index + 1, problem: spec.problem });
    } else if (spec !== undefined) {
      const body = lines.slice(index + 1, close).map((line) => line.slice(indent.length));
      blocks.push({ spec, line: index + 1, open: index, close, body: body.join("\n") });
    }
    if (close === -1) break;
    index = close;
  }
  return { blocks, problems };
}

/**
 * The README with each block's body replaced by `bodies[i]` (undefined keeps it).
 *
 * @example
 * replaceBodies(markdown, blocks, ["$ npx gateway --help\nUsage: ..."]);
 */
export function replaceBodies(
  markdown: string,
  blocks: readonly TranscriptBlock[],
  bodies: readonly (string | undefined)[],
): string {
  const eol = markdown.includes("\r\n") ? "\r\n" : "\n";
  const lines = markdown.split(/\r?\n/);
  // From the last block up, so earlier indexes stay right.
  for (let at = blocks.length - 1; at >= 0; at--) {
    const block = blocks[at];
    const body = bodies[at];
    if (block === undefined || body === undefined) continue;
    const indent = fence.exec(lines[block.open] ?? "")?.[1] ?? "";
    const indented = body.split("\n").map((line) => (line === "" ? "" : indent + line));
    lines.splice(block.open + 1, block.close - block.open - 1, ...indented);
  }
  return lines.join(eol);
}
