/**
 * The named rules that let a transcript say what a run shows, though some of it varies.
 *
 * Two kinds, each a named regular expression and its replacement:
 *
 * - `shown` rules turn a fresh run into what the README shows: the port the
 *   server was given by the system becomes the lesson's port, this checkout's
 *   folder becomes `<checkout>`, CR LF becomes a line feed. A README is
 *   written with them applied.
 * - `varying` rules name what differs from one run to the next (dates,
 *   times, pids, durations, temporary folders, the client's own port, random
 *   tokens). They are applied to both sides before the README's text and a
 *   fresh run are compared, so a README keeps the values of the run that
 *   wrote it, and a check fails on any other difference, line by line.
 *
 * @example
 * const shown = applyRules(output, shownRules({ root, ports: new Map([["41234", "8001"]]) }));
 * sameTranscript(readmeBody, shown); // true when only varying parts differ
 */
import { tmpdir } from "node:os";

/** One rule: a name that says what it stands for, what it matches, and what it becomes. */
export interface Rule {
  readonly name: string;
  readonly pattern: RegExp;
  readonly replacement: string;
}

/** Where the run happened: this checkout, and the ports and folders to show as the README's. */
export interface RunPlace {
  readonly root: string;
  /** Port the system gave the server -> the port the lesson names ("41234" -> "8001"). */
  readonly ports: ReadonlyMap<string, string>;
  /** A temporary folder the server made -> the one the README's commands name. */
  readonly folders?: ReadonlyMap<string, string>;
}

/**
 * `text` as a regular expression that matches it and nothing else.
 * @example new RegExp(literal("/tmp/a.b")).test("/tmp/a.b"); // true
 */
export const literal = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/**
 * The rules that make a fresh run read as the README shows it.
 *
 * @example
 * shownRules({ root: "/home/ada/workshop", ports: new Map() }).map((rule) => rule.name);
 * // ["line ends", "colours", "checkout folder", "trailing blanks"]
 */
export function shownRules({ root, ports, folders = new Map() }: RunPlace): Rule[] {
  const portRules = [...ports].map(([given, lesson]) => ({
    name: `port ${lesson}`,
    pattern: new RegExp(`(?<![\\d.])${given}(?!\\d)`, "g"),
    replacement: lesson,
  }));
  const folderRules = [...folders].map(([made, named]) => ({
    name: `folder ${named}`,
    pattern: new RegExp(literal(made), "g"),
    replacement: named,
  }));
  return [
    { name: "line ends", pattern: /\r\n/g, replacement: "\n" },
    // biome-ignore lint/suspicious/noControlCharactersInRegex: terminal colour codes are ESC [
    { name: "colours", pattern: /\u001b\[[\d;]*m/g, replacement: "" },
    { name: "checkout folder", pattern: new RegExp(literal(root), "g"), replacement: "<checkout>" },
    ...folderRules,
    ...portRules,
    { name: "trailing blanks", pattern: /[ \t]+$/gm, replacement: "" },
  ];
}

/** What differs between two runs of the same command, by name. */
export const varyingRules: readonly Rule[] = [
  {
    name: "HTTP date",
    pattern: /\b(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d\d (\w{3}) \d{4} \d\d:\d\d:\d\d GMT\b/g,
    replacement: "<date>",
  },
  // An access log's time, in Apache's "combined" format (lesson 09).
  {
    name: "log time",
    pattern: /\[\d\d\/[A-Z][a-z]{2}\/\d{4}:\d\d:\d\d:\d\d [+-]\d{4}\]/g,
    replacement: "[<log time>]",
  },
  // The combined log line's last field: the microseconds the request took.
  {
    name: "microseconds taken, ending a log line",
    pattern: /("[^"\n]*") \d+$/gm,
    replacement: "$1 <microseconds>",
  },
  // The time that starts each line of nginx's error.log, and of Apache's (lesson 12).
  {
    name: "nginx error log time",
    pattern: /^\d{4}\/\d\d\/\d\d \d\d:\d\d:\d\d(?= \[)/gm,
    replacement: "<log time>",
  },
  {
    name: "Apache error log time",
    pattern: /^\[[A-Z][a-z]{2} [A-Z][a-z]{2} \d\d \d\d:\d\d:\d\d\.\d+ \d{4}\]/gm,
    replacement: "[<log time>]",
  },
  // Which process and thread wrote an error log line, and nginx's count of connections.
  {
    name: "nginx error log process and connection",
    pattern: /(\[\w+\]) \d+#\d+: \*\d+ /g,
    replacement: "$1 <pid>#<thread>: *<connection> ",
  },
  {
    name: "Apache error log process",
    pattern: /\[pid \d+:tid \d+\]/g,
    replacement: "[pid <pid>:tid <thread>]",
  },
  {
    name: "ISO time",
    pattern: /\b\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)?/g,
    replacement: "<time>",
  },
  { name: "clock time", pattern: /\b\d\d:\d\d:\d\d(\.\d+)?\b/g, replacement: "<time>" },
  // A body that shows a pid is as long as the pid's digits make it.
  {
    name: "length of a body with a pid",
    pattern: /Content-Length: \d+(?=[\s\S]*\bprocess \d+)/g,
    replacement: "Content-Length: <length>",
  },
  { name: "pid", pattern: /\b(pids?|process) \d+(, \d+)*/g, replacement: "$1 <pid>" },
  // The supervisor's pid, in the command it suggests for a reload (lesson 13).
  { name: "pid to signal", pattern: /\b(kill -[A-Z]+) \d+/g, replacement: "$1 <pid>" },
  {
    name: "duration",
    pattern: /\b\d+(\.\d+)? ?(ms|µs|s)\b/g,
    replacement: "<duration>",
  },
  {
    name: "temporary folder",
    pattern: new RegExp(`${literal(tmpdir())}[/\\\\][^\\s'"\`)]+`, "g"),
    replacement: "<tmp>",
  },
  // The client's side of a loopback connection: a port the system picks.
  {
    name: "client port",
    pattern: /\b127\.0\.0\.1:(?:3\d{4}|[4-6]\d{4})\b/g,
    replacement: "<client>",
  },
  // Frames in the workshop's own toolkit and in Node move with every edit and patch release;
  // the lesson's own frames keep their lines.
  {
    name: "toolkit frame position",
    pattern: /(<checkout>\/(?:gateway|workshop)\/[^\s:()]+):\d+:\d+/g,
    replacement: "$1:<line>",
  },
  {
    name: "Node frame position",
    pattern: /\((node:[\w/]+):\d+:\d+\)/g,
    replacement: "($1:<line>)",
  },
  // A static file's ETag: its size, then its modification time (when the workshop was cloned).
  {
    name: "file time in an ETag",
    pattern: /(W\/"[0-9a-f]+-)[0-9a-f]+"/g,
    replacement: '$1<mtime>"',
  },
  { name: "memory address", pattern: /\b0x[0-9a-f]{6,}\b/g, replacement: "<address>" },
  // The interactive debugger's secret, new at each start (lesson 10).
  {
    name: "debugger secret",
    pattern: /(Debugger secret: )[A-Za-z0-9_-]+/g,
    replacement: "$1<secret>",
  },
  { name: "curl version", pattern: /\bcurl\/\d+\.\d+\.\d+/g, replacement: "curl/<version>" },
  {
    name: "random token",
    pattern: /(?<![\w-])[A-Za-z0-9_-]{32,}(?![\w-])/g,
    replacement: "<token>",
  },
];

/**
 * `text` with each rule applied in turn.
 *
 * @example
 * applyRules("Date: Mon, 07 Dec 2026 13:05:23 GMT", varyingRules); // "Date: <date>"
 */
export function applyRules(text: string, rules: readonly Rule[]): string {
  return rules.reduce((result, rule) => result.replace(rule.pattern, rule.replacement), text);
}

/**
 * Whether a README's transcript and a fresh one say the same, once what varies is named.
 *
 * @example
 * sameTranscript("took 12 ms", "took 9 ms"); // true
 * sameTranscript("Content-Length: 8", "Content-Length: 9"); // false
 */
export function sameTranscript(readme: string, fresh: string): boolean {
  return applyRules(readme, varyingRules) === applyRules(fresh, varyingRules);
}

/**
 * The first line where they differ, once what varies is named, for a message.
 *
 * @example
 * firstDifference("a\nContent-Length: 8", "a\nContent-Length: 9");
 * // { line: 2, readme: "Content-Length: 8", fresh: "Content-Length: 9" }
 */
export function firstDifference(
  readme: string,
  fresh: string,
): { line: number; readme: string; fresh: string } | undefined {
  const ours = applyRules(readme, varyingRules).split("\n");
  const theirs = applyRules(fresh, varyingRules).split("\n");
  const at = ours.findIndex((line, index) => line !== theirs[index]);
  const index = at === -1 ? (ours.length === theirs.length ? -1 : ours.length) : at;
  if (index === -1) return undefined;
  return {
    line: index + 1,
    readme: ours[index] ?? "(nothing)",
    fresh: theirs[index] ?? "(nothing)",
  };
}
