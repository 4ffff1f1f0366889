/**
 * What a lesson README says a command prints is what a fresh run prints.
 *
 * Each README's transcript blocks (scripts/docs/transcript-blocks.ts) are run
 * again, one demo process per README (READMEs side by side), and compared through the named rules
 * for what varies. Transcripts are made on Node 24, the version learners
 * install, and checked there only (CI's Node 24 step runs this file); the
 * ones that need Apache, nginx, Chromium or PostgreSQL are checked in
 * readme-transcripts.peers.test.ts.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { lessonReadmes } from "../../scripts/docs/lesson-readmes.ts";
import {
  missingPeers,
  syncTranscripts,
  transcriptMessages,
  transcriptsSkipReason,
} from "../../scripts/docs/lesson-transcripts.ts";
import { transcriptBlocks } from "../../scripts/docs/transcript-blocks.ts";
import { projectRoot } from "../fixtures/fixture-repo.ts";

// curl is a learner's tool, not a peer; CI installs it, a laptop may lack it.
const noCurl = missingPeers(["curl"]).length > 0 && !process.env.CI;
const reason = transcriptsSkipReason() ?? (noCurl ? "curl is not installed here" : "");
const primary = reason === "";
const skipped = primary ? "" : ` (skipped: ${reason})`;
const withTranscripts = lessonReadmes(projectRoot).filter((readme) =>
  transcriptBlocks(readFileSync(readme, "utf8")).blocks.some(({ spec }) => spec.needs.length === 0),
);
const withoutPeers = (spec: { needs: readonly string[] }) => spec.needs.length === 0;

// READMEs side by side: each waits mostly on its own demo and clients, on ports of their own.
describe.concurrent("the lesson READMEs' transcripts", () => {
  it("are well formed, on any Node", () => {
    const problems = lessonReadmes(projectRoot).flatMap((readme) =>
      transcriptBlocks(readFileSync(readme, "utf8")).problems.map(
        ({ line, problem }) => `${readme}:${line}: ${problem}`,
      ),
    );
    expect(problems).toEqual([]);
  });

  for (const readme of withTranscripts) {
    const name = readme.slice(projectRoot.length + 1);
    it.skipIf(!primary)(`${name}: each transcript matches a fresh run${skipped}`, async () => {
      const report = await syncTranscripts(
        projectRoot,
        readme,
        readFileSync(readme, "utf8"),
        withoutPeers,
      );
      const messages = transcriptMessages(report);
      expect(messages, `Fix these transcripts:\n${messages.join("\n")}\n`).toEqual([]);
      expect(report.ran, "every transcript block without peers ran").toBeGreaterThan(0);
    });
  }

  it.skipIf(!primary)(
    `fail on a copy of lesson 01 whose transcript was changed by hand${skipped}`,
    async () => {
      const readme = withTranscripts.find((file) => file.includes("01-http-by-hand"));
      const text = readFileSync(readme ?? "", "utf8");
      const changed = text.replace("< Content-Length: 57", "< Content-Length: 58");
      expect(changed, "the copy differs from the README").not.toBe(text);
      const hello = (spec: { run?: string }) => spec.run === "curl -sv http://127.0.0.1:8001/hello";
      const report = await syncTranscripts(projectRoot, readme ?? "", changed, hello);
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
