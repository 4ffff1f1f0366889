/**
 * What `npm run docs` last wrote in the lesson READMEs' transcripts, one
 * digest per block, kept in scripts/docs/transcript-record.json.
 *
 * Running every transcript takes minutes (each starts a demo), so `npm test`
 * does not: it compares each README's transcript blocks with this record,
 * which takes no run and works on any Node. A transcript changed by hand no
 * longer matches its digest, and `npm test` says which one and to run
 * `npm run docs`. The peers tier runs them all again and compares them with
 * fresh runs (test/lessons/readme-transcripts.peers.test.ts).
 *
 * @example
 * recordTranscripts(root, { "lessons/01-http-by-hand/README.md": markdown });
 * handEdits(root, "lessons/01-http-by-hand/README.md", markdown); // [] when untouched
 */
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { transcriptBlocks } from "./transcript-blocks.ts";

/** The record, from the repository root. */
export const RECORD_FILE = "scripts/docs/transcript-record.json";

/** README (from the repository root) to the digests of its transcript blocks, in order, spaced. */
type Record = { [readme: string]: string };

/**
 * A digest of each transcript block, fences included, so that a command
 * changed by hand counts as much as its output.
 * @example blockDigests(markdown); // ["3f1c0e9a2b7d4c55", ...]
 */
export function blockDigests(markdown: string): string[] {
  return digestedBlocks(markdown).map(({ digest }) => digest);
}

/** Each transcript block's opening line and digest, from one reading of the README. */
function digestedBlocks(markdown: string): { line: number; digest: string }[] {
  const lines = markdown.split("\n");
  return transcriptBlocks(markdown).blocks.map(({ line, open, close }) => ({
    line,
    digest: createHash("sha256")
      .update(lines.slice(open, close + 1).join("\n"))
      .digest("hex")
      .slice(0, 16),
  }));
}

function readRecord(root: string): Record {
  const file = path.join(root, RECORD_FILE);
  return existsSync(file) ? (JSON.parse(readFileSync(file, "utf8")) as Record) : {};
}

/**
 * Keeps the digests of these READMEs' transcripts as they are now (after a
 * run filled them), beside those of the others.
 * @example recordTranscripts(root, { "lessons/09-reuse/README.md": markdown });
 */
export function recordTranscripts(root: string, readmes: { [readme: string]: string }): void {
  if (Object.keys(readmes).length === 0) return;
  const record = readRecord(root);
  for (const [readme, markdown] of Object.entries(readmes)) {
    const digests = blockDigests(markdown);
    if (digests.length > 0) record[readme] = digests.join(" ");
    else delete record[readme];
  }
  const sorted = Object.fromEntries(Object.entries(record).sort(([a], [b]) => a.localeCompare(b)));
  const file = path.join(root, RECORD_FILE);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify(sorted, null, 2)}\n`);
}

/**
 * The transcript blocks of a README that differ from what `npm run docs`
 * last wrote, each with its line and what to do.
 * @example handEdits(root, "lessons/01-http-by-hand/README.md", markdown); // ["lessons/01-http-by-hand/README.md:120: ..."]
 */
export function handEdits(root: string, readme: string, markdown: string): string[] {
  const recorded = readRecord(root)[readme]?.split(" ") ?? [];
  const fix = `run npm run docs on Node 24 to fill it from a run (${RECORD_FILE} keeps what it wrote)`;
  return digestedBlocks(markdown).flatMap(({ line, digest }, index) =>
    digest === recorded[index]
      ? []
      : [`${readme}:${line}: this transcript is not what a run wrote: ${fix}`],
  );
}
