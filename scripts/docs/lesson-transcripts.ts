/**
 * A lesson README's transcripts, checked against a fresh run or filled from one.
 *
 * Transcripts are made and checked on one Node version, the primary one the
 * root README asks learners to install (Node 24): Node's own messages (stack
 * traces, warnings) differ between versions, and a learner compares the
 * lesson with what their Node prints. On any other version `npm run docs`
 * leaves transcripts as they are and says so, and the tests skip them with
 * that sentence; CI runs them on Node 24 (.ci/run).
 *
 * @example
 * const report = await syncTranscripts(root, readme, markdown);
 * for (const message of transcriptMessages(report)) console.error(message);
 */
import { execFileSync } from "node:child_process";
import path from "node:path";
import { replaceBodies, type TranscriptSpec, transcriptBlocks } from "./transcript-blocks.ts";
import { firstDifference, sameTranscript } from "./transcript-rules.ts";
import { runTranscripts } from "./transcript-run.ts";

/** The Node major version transcripts are made and checked on. */
export const PRIMARY_NODE = 24;

/**
 * Whether this Node is the one transcripts are made on.
 * @example onPrimaryNode("24.21.0"); // true
 */
export function onPrimaryNode(version: string = process.versions.node): boolean {
  return Number(version.split(".")[0]) === PRIMARY_NODE;
}

/** Why transcripts were left alone on this Node, in one sentence. */
export const notPrimaryNote = `Transcripts are made and checked on Node ${PRIMARY_NODE}, the version learners install (Node's messages differ between versions); this is Node ${process.versions.node}, so they were left as they are.`;

/** Transcript commands are written for a POSIX shell (quotes, `/dev/null`, `NAME=value cmd`). */
export const windowsNote =
  "Transcripts run their commands in a POSIX shell (macOS, Linux, CI); on Windows they are left as they are.";

/**
 * Why transcripts cannot be made or checked here, or undefined when they can.
 * @example transcriptsSkipReason(); // undefined on Node 24 under Linux
 */
export function transcriptsSkipReason(): string | undefined {
  if (!onPrimaryNode()) return notPrimaryNote;
  return process.platform === "win32" ? windowsNote : undefined;
}

/** One README's transcripts: the text with fresh ones, and what differed. */
export interface TranscriptReport {
  /** From the repository root: "lessons/01-http-by-hand/README.md". */
  readonly readme: string;
  readonly text: string;
  readonly stale: readonly { line: number; detail: string }[];
  readonly problems: readonly { line: number; problem: string }[];
  /** How many blocks were run. */
  readonly ran: number;
}

/**
 * Runs the README's transcripts that `include` picks, and fills them in.
 *
 * @example
 * await syncTranscripts(root, "/…/lessons/09-reuse/README.md", markdown, (spec) => spec.needs.length === 0);
 */
export async function syncTranscripts(
  root: string,
  readme: string,
  markdown: string,
  include: (spec: TranscriptSpec) => boolean = () => true,
): Promise<TranscriptReport> {
  const name = path.relative(root, readme).split(path.sep).join("/");
  const { blocks, problems } = transcriptBlocks(markdown);
  const fresh = await runTranscripts(root, path.dirname(readme), blocks, include);
  const stale: { line: number; detail: string }[] = [];
  const bodies = blocks.map((block, index) => {
    const body = fresh[index];
    if (body === undefined || sameTranscript(block.body, body)) return undefined;
    const difference = firstDifference(block.body, body);
    const where = difference === undefined ? "" : ` at its line ${difference.line}`;
    const detail = `the README says "${difference?.readme}"${where}, a run says "${difference?.fresh}"`;
    stale.push({ line: block.line, detail });
    return body;
  });
  return {
    readme: name,
    text: replaceBodies(markdown, blocks, bodies),
    stale,
    problems,
    ran: fresh.filter((body) => body !== undefined).length,
  };
}

/**
 * One sentence per malformed block and per block that differs from a fresh run.
 *
 * @example
 * transcriptMessages(report);
 * // ['lessons/01-http-by-hand/README.md:42: the transcript differs from a run: the README says "Content-Length: 8" at its line 3, a run says "Content-Length: 9"; run npm run docs']
 */
export function transcriptMessages({ readme, stale, problems }: TranscriptReport): string[] {
  return [
    ...problems.map(({ line, problem }) => `${readme}:${line}: transcript block: ${problem}`),
    ...stale.map(
      ({ line, detail }) =>
        `${readme}:${line}: the transcript differs from a run: ${detail}; run npm run docs (on Node ${PRIMARY_NODE})`,
    ),
  ];
}

/**
 * Whether the programs a block needs beyond Node are on this machine.
 * @example missingPeers(["apache"]); // ["apache"] on a laptop without it
 */
export function missingPeers(needs: readonly string[]): string[] {
  return needs.filter((need) => !hasProgram(peerPrograms[need] ?? need));
}

const peerPrograms: Record<string, string> = {
  apache: "apache2",
  postgres: "pg_ctl",
};

function hasProgram(program: string): boolean {
  const lookup = process.platform === "win32" ? "where" : "which";
  const extra = program === "pg_ctl" ? ":/usr/lib/postgresql/15/bin" : "";
  try {
    execFileSync(lookup, [program], {
      stdio: "ignore",
      env: { ...process.env, PATH: `${process.env.PATH}${extra}:/usr/sbin` },
    });
    return true;
  } catch {
    return false;
  }
}
