/**
 * What a lesson README says a command prints is what a fresh run prints:
 * every transcript block (scripts/docs/transcript-blocks.ts) is run again,
 * one demo process per README, and compared through the named rules for what
 * varies. `npm test` only compares them with the digests of the last run
 * (readme-transcripts.test.ts); running them all takes minutes, so it is
 * this tier's job.
 *
 * Checked on Node 24 only, the version learners install (.ci/run runs this
 * tier there). Outside CI, a README whose peers (Apache, nginx, Chromium,
 * PostgreSQL, curl) are missing is skipped with a message naming them; under
 * `CI=true` it runs, and fails if they are missing.
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

const withTranscripts = lessonReadmes(projectRoot).flatMap((readme) => {
  const { blocks } = transcriptBlocks(readFileSync(readme, "utf8"));
  // curl is a learner's tool rather than a peer, but a laptop may lack it too.
  const needs = ["curl", ...blocks.flatMap(({ spec }) => spec.needs)];
  return blocks.length === 0 ? [] : [{ readme, needs: [...new Set(needs)] }];
});

describe("the lesson READMEs' transcripts", () => {
  it("include runs behind nginx (lesson 12)", () => {
    const lesson12 = withTranscripts.find(({ readme }) => readme.includes("12-deployment"));
    expect(lesson12?.needs).toContain("nginx");
  });

  for (const { readme, needs } of withTranscripts) {
    const name = readme.slice(projectRoot.length + 1);
    const missing = missingPeers(needs);
    const reason =
      transcriptsSkipReason() ??
      (missing.length > 0 && !process.env.CI
        ? `${missing.join(" and ")} not installed here (CI installs them)`
        : undefined);
    const title = `${name}: each transcript matches a fresh run`;
    it.skipIf(reason !== undefined)(reason ? `${title} (skipped: ${reason})` : title, async () => {
      const report = await syncTranscripts(
        projectRoot,
        readme,
        readFileSync(readme, "utf8"),
        () => true,
      );
      const messages = transcriptMessages(report);
      expect(messages, `Fix these transcripts:\n${messages.join("\n")}\n`).toEqual([]);
      expect(report.ran).toBeGreaterThan(0);
    });
  }
});
