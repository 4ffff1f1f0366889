/**
 * What a lesson README says a command prints is what a run printed.
 *
 * Running every transcript block again takes minutes, so that is the peers
 * tier's job (readme-transcripts.peers.test.ts, on Node 24). Here, on any
 * Node and without a run, each block is compared with the digest `npm run
 * docs` kept when a run wrote it (scripts/docs/transcript-record.ts): a
 * transcript changed by hand fails. One run shows, on any Node, that a value
 * changed by hand is caught and put back by a run.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { lessonReadmes } from "../../scripts/docs/lesson-readmes.ts";
import {
  missingPeers,
  syncTranscripts,
  transcriptMessages,
  windowsNote,
} from "../../scripts/docs/lesson-transcripts.ts";
import { transcriptBlocks } from "../../scripts/docs/transcript-blocks.ts";
import { blockDigests, handEdits } from "../../scripts/docs/transcript-record.ts";
import { projectRoot } from "../fixtures/fixture-repo.ts";

// curl is a learner's tool, not a peer; CI installs it, a laptop may lack it. Lesson 01's
// `curl -sv` of /hello prints the same on every Node, so the run below needs no Node 24.
const noCurl = missingPeers(["curl"]).length > 0 && !process.env.CI;
const reason =
  process.platform === "win32" ? windowsNote : noCurl ? "curl is not installed here" : "";
const canRun = reason === "";
const skipped = canRun ? "" : ` (skipped: ${reason})`;
const readmes = lessonReadmes(projectRoot).map((readme) => ({
  readme,
  name: path.relative(projectRoot, readme).split(path.sep).join("/"),
  markdown: readFileSync(readme, "utf8"),
}));
const lesson01 = readmes.find(({ name }) => name.startsWith("lessons/01-http-by-hand/"));

describe("the lesson READMEs' transcripts", () => {
  it("are well formed, on any Node", () => {
    const problems = readmes.flatMap(({ readme, markdown }) =>
      transcriptBlocks(markdown).problems.map(
        ({ line, problem }) => `${readme}:${line}: ${problem}`,
      ),
    );
    expect(problems).toEqual([]);
  });

  it("are each what a run wrote, on any Node", () => {
    const edits = readmes.flatMap(({ name, markdown }) => handEdits(projectRoot, name, markdown));
    expect(edits).toEqual([]);
    expect(readmes.filter(({ markdown }) => blockDigests(markdown).length > 0)).not.toEqual([]);
  });

  it("catch a transcript changed by hand, naming its line and the fix, on any Node", () => {
    const { name, markdown } = lesson01 ?? { name: "", markdown: "" };
    const changed = markdown.replace("< Content-Length: 57", "< Content-Length: 58");
    expect(changed, "the copy differs from the README").not.toBe(markdown);
    expect(handEdits(projectRoot, name, changed)).toEqual([
      expect.stringMatching(
        /^lessons\/01-http-by-hand\/README\.md:\d+: this transcript is not what a run wrote: run npm run docs on Node 24/,
      ),
    ]);
  });

  it.skipIf(!canRun)(
    `fail on a copy of lesson 01 whose transcript was changed by hand${skipped}`,
    async () => {
      const { readme, markdown: text } = lesson01 ?? { readme: "", markdown: "" };
      const changed = text.replace("< Content-Length: 57", "< Content-Length: 58");
      expect(changed, "the copy differs from the README").not.toBe(text);
      const hello = (spec: { run?: string }) => spec.run === "curl -sv http://127.0.0.1:8001/hello";
      const report = await syncTranscripts(projectRoot, readme, changed, hello);
      expect(report.ran).toBe(1);
      expect(transcriptMessages(report)).toEqual([
        expect.stringMatching(
          /^lessons\/01-http-by-hand\/README\.md:\d+: the transcript differs from a run: the README says "< Content-Length: 58" at its line \d+, a run says "< Content-Length: 57"; run npm run docs/,
        ),
      ]);
      expect(report.text, "npm run docs would put the run's value back").toBe(text);
    },
  );
});
