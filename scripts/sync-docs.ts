/**
 * `npm run docs`: fills the code blocks and the transcripts of the lesson READMEs.
 *
 * In a README, `<!-- code: demo/app.ts#hello -->` right before a fenced block
 * makes that block a copy of the region "hello" of `demo/app.ts` (marked
 * `// #region hello` ... `// #endregion hello`); `<!-- code: demo/app.ts -->`
 * copies the whole file. See scripts/docs/readme-sync.ts.
 *
 * A block opened as ```` ```console transcript run="curl -si http://127.0.0.1:8001/" server="npm run demo -- 1" ````
 * shows what that command prints: it is run afresh, against the server
 * started first (scripts/docs/transcript-blocks.ts). Transcripts are made on
 * Node 24 only (scripts/docs/lesson-transcripts.ts); those that need Apache,
 * nginx, Chromium or PostgreSQL (`needs="..."`) run with `--peers`.
 *
 * `--check` writes nothing and exits 1 when a block is out of date or a
 * reference is broken (test/lessons/readme-code.test.ts does the same for
 * code in `npm test`, and readme-transcripts.peers.test.ts for transcripts
 * in the peers tier). After a run of the transcripts, the digest of each is
 * kept in scripts/docs/transcript-record.json, so that `npm test` can tell a
 * transcript changed by hand without running it (scripts/docs/transcript-record.ts).
 *
 * @example
 * // npm run docs
 * // npm run docs -- --check
 * // npm run docs -- --peers            (transcripts that need Apache or nginx too)
 * // npm run docs -- --only 01          (the READMEs of lessons whose folder starts so)
 */
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import {
  lessonReadmes,
  problemMessages,
  staleMessages,
  syncLessonReadme,
} from "./docs/lesson-readmes.ts";
import {
  syncTranscripts,
  transcriptMessages,
  transcriptsSkipReason,
} from "./docs/lesson-transcripts.ts";
import { transcriptBlocks } from "./docs/transcript-blocks.ts";
import { recordTranscripts } from "./docs/transcript-record.ts";

const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const { values } = parseArgs({
  options: {
    check: { type: "boolean" },
    peers: { type: "boolean" },
    only: { type: "string" },
    root: { type: "string" },
  },
});
const root = path.resolve(values.root ?? projectRoot);
const readmes = lessonReadmes(root).filter((readme) =>
  path.basename(path.dirname(readme)).startsWith(values.only ?? ""),
);
const skipTranscripts = transcriptsSkipReason();
if (skipTranscripts !== undefined) console.log(skipTranscripts);

let problems = 0;
let stale = 0;
let written = 0;
const ranTranscripts: { [readme: string]: string } = {};
for (const readme of readmes) {
  const code = syncLessonReadme(root, readme);
  const codeProblems = problemMessages(code);
  const codeStale = staleMessages(code);
  let text = code.result.text;
  const transcriptLines: string[] = [];
  let transcriptsStale = 0;
  if (skipTranscripts === undefined) {
    const report = await syncTranscripts(
      root,
      readme,
      text,
      (spec) => Boolean(values.peers) || spec.needs.length === 0,
    );
    text = report.text;
    // Recorded only once every transcript of the README has just run without a problem.
    const ranAll =
      values.peers || transcriptBlocks(text).blocks.every(({ spec }) => spec.needs.length === 0);
    if (ranAll && report.problems.length === 0) ranTranscripts[code.readme] = text;
    transcriptLines.push(...transcriptMessages(report));
    problems += report.problems.length;
    transcriptsStale = report.stale.length;
  }
  for (const message of codeProblems) console.error(message);
  problems += codeProblems.length;
  stale += codeStale.length + transcriptsStale;
  if (values.check) {
    for (const message of [...codeStale, ...transcriptLines]) console.error(message);
  } else if (text !== readFileSync(readme, "utf8")) {
    writeFileSync(readme, text);
    written++;
    console.log(`${code.readme}: ${codeStale.length + transcriptsStale} block(s) updated`);
  }
}
if (values.check) {
  const total = problems + stale;
  console.log(total === 0 ? "Every README block matches its source or run." : `${total} to fix.`);
  process.exitCode = total === 0 ? 0 : 1;
} else {
  if (skipTranscripts === undefined) recordTranscripts(root, ranTranscripts);
  console.log(`${written} README${written === 1 ? "" : "s"} updated.`);
  process.exitCode = problems === 0 ? 0 : 1;
}
