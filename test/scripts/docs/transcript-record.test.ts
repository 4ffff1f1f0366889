/**
 * The record of what `npm run docs` last wrote in the transcripts, which lets
 * `npm test` tell a transcript changed by hand without running it.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import {
  blockDigests,
  handEdits,
  RECORD_FILE,
  recordTranscripts,
} from "../../../scripts/docs/transcript-record.ts";

const readme = (command: string, output: string) =>
  [
    "Run it:",
    "",
    `\`\`\`console transcript run="${command}"`,
    `$ ${command}`,
    output,
    "```",
    "",
  ].join("\n");
const answer = readme("node -p 6*7", "42");

let root = "";
afterEach(() => rmSync(root, { recursive: true, force: true }));

function freshRoot(): string {
  root = mkdtempSync(path.join(tmpdir(), "transcript-record-"));
  return root;
}

describe("the transcript record", () => {
  it("accepts the README as a run wrote it, and names the line of an output or a command changed since", () => {
    recordTranscripts(freshRoot(), { "lessons/99/README.md": answer });
    expect(handEdits(root, "lessons/99/README.md", answer)).toEqual([]);
    for (const changed of [readme("node -p 6*7", "43"), readme("node -p 6*8", "42")]) {
      expect(handEdits(root, "lessons/99/README.md", changed)).toEqual([
        `lessons/99/README.md:3: this transcript is not what a run wrote: run npm run docs on Node 24 to fill it from a run (${RECORD_FILE} keeps what it wrote)`,
      ]);
    }
  });

  it("keeps the other READMEs' digests when one is recorded again, and drops a README left without transcripts", () => {
    recordTranscripts(freshRoot(), { "a/README.md": answer, "b/README.md": answer });
    recordTranscripts(root, { "b/README.md": "No transcript here.\n" });
    const record = JSON.parse(readFileSync(path.join(root, RECORD_FILE), "utf8"));
    expect(record).toEqual({ "a/README.md": blockDigests(answer).join(" ") });
  });

  it("counts a block missing from the record as changed by hand", () => {
    expect(handEdits(freshRoot(), "lessons/99/README.md", answer)).toHaveLength(1);
  });
});
