/**
 * The lesson READMEs' transcripts that need Apache, nginx, Chromium or
 * PostgreSQL (`needs="..."`) match a fresh run: the peers tier's half of
 * readme-transcripts.test.ts.
 *
 * Checked on Node 24 only, as every transcript is (.ci/run runs this file in
 * its Node 24 step, and leaves it out of the Node 20 peers run). Outside CI,
 * a README whose peers are missing is skipped with a message naming them;
 * under `CI=true` it runs, and fails if they are missing.
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

const needingPeers = lessonReadmes(projectRoot).flatMap((readme) => {
  const needs = transcriptBlocks(readFileSync(readme, "utf8")).blocks.flatMap(
    ({ spec }) => spec.needs,
  );
  return needs.length === 0 ? [] : [{ readme, needs: [...new Set(needs)] }];
});

describe("the lesson READMEs' transcripts that need peers", () => {
  it("exist (lesson 12's run behind nginx)", () => {
    expect(needingPeers.map(({ readme }) => readme.slice(projectRoot.length + 1))).toContain(
      "lessons/12-deployment/README.md",
    );
  });

  for (const { readme, needs } of needingPeers) {
    const name = readme.slice(projectRoot.length + 1);
    const missing = missingPeers(needs);
    const reason =
      transcriptsSkipReason() ??
      (missing.length > 0 && !process.env.CI
        ? `${missing.join(" and ")} not installed here (CI installs them)`
        : undefined);
    const title = `${name}: each transcript that needs ${needs.join(", ")} matches a fresh run`;
    it.skipIf(reason !== undefined)(reason ? `${title} (skipped: ${reason})` : title, async () => {
      const withPeers = (spec: { needs: readonly string[] }) => spec.needs.length > 0;
      const report = await syncTranscripts(
        projectRoot,
        readme,
        readFileSync(readme, "utf8"),
        withPeers,
      );
      const messages = transcriptMessages(report);
      expect(messages, `Fix these transcripts:\n${messages.join("\n")}\n`).toEqual([]);
      expect(report.ran).toBeGreaterThan(0);
    });
  }
});
