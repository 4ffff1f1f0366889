/**
 * Transcript blocks, on any Node: parsed from a fence's info string, run
 * afresh, compared through the named rules for what varies, and refilled.
 */
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { syncTranscripts, transcriptMessages } from "../../../scripts/docs/lesson-transcripts.ts";
import { parseInfo, transcriptBlocks } from "../../../scripts/docs/transcript-blocks.ts";
import { sameTranscript, varyingRules } from "../../../scripts/docs/transcript-rules.ts";
import { projectRoot } from "../../fixtures/fixture-repo.ts";

const readme = path.join(projectRoot, "lessons", "99-example", "README.md");
const block = (output: string) =>
  [
    "Run it:",
    "",
    '```console transcript run="node -p 6*7"',
    "$ node -p 6*7",
    output,
    "```",
    "",
  ].join("\n");

describe("a transcript block's info string", () => {
  it("keeps the highlighting language first and names what to run", () => {
    expect(
      parseInfo('http transcript server="npm run demo -- 1" run="curl -si http://127.0.0.1:8001/"'),
    ).toEqual({
      language: "http",
      server: "npm run demo -- 1",
      run: "curl -si http://127.0.0.1:8001/",
      show: "run",
      until: undefined,
      needs: [],
    });
    expect(parseInfo("console")).toBeUndefined();
    expect(parseInfo("ts title=app.ts")).toBeUndefined();
  });

  it("says what is wrong with a malformed one", () => {
    expect(parseInfo("console transcript")).toEqual({ problem: 'run="..." is missing' });
    expect(parseInfo("console transcript run=curl")).toEqual({
      problem: 'write each attribute as name="value": run=curl',
    });
    expect(parseInfo('console transcript run="x" colour="red"')).toMatchObject({
      problem: expect.stringContaining("unknown attribute colour="),
    });
    expect(transcriptBlocks('```console transcript run="x"\nnever closed').problems).toEqual([
      { line: 1, problem: "the transcript block never closes" },
    ]);
  });
});

describe("a transcript checked against a fresh run", () => {
  it("passes when the README shows what the command prints", async () => {
    const report = await syncTranscripts(projectRoot, readme, block("42"));
    expect(transcriptMessages(report)).toEqual([]);
    expect(report.ran).toBe(1);
  });

  it("fails on a value changed by hand, naming the line, and npm run docs puts the run back", async () => {
    const report = await syncTranscripts(projectRoot, readme, block("41"));
    expect(transcriptMessages(report)).toEqual([
      'lessons/99-example/README.md:3: the transcript differs from a run: the README says "41" at its line 2, a run says "42"; run npm run docs (on Node 24)',
    ]);
    expect(report.text).toBe(block("42"));
  });
});

describe("a transcript of a server like lesson 12's demo", () => {
  const server = "node test/fixtures/transcripts/log-server.mjs --upstream-port 9100";
  const folder = path.join(tmpdir(), "transcript-test-AbCdEf");
  const fetchX = "node -e 'fetch(process.argv[1]).then((r) => r.text()).then(console.log)'";
  const markdown = (start: string[], answer: string[], log: string[]) =>
    [
      `\`\`\`console transcript server="${server}" show="server" until="Serving"`,
      ...start,
      "```",
      `\`\`\`console transcript server="${server}" ready="Serving" run="${fetchX} http://127.0.0.1:8099/x"`,
      ...answer,
      "```",
      `\`\`\`text transcript server="${server}" run="cat ${folder}/error.log"`,
      ...log,
      "```",
      "",
    ].join("\n");

  // Its commands are written for a POSIX shell, as the lessons' are (lesson-transcripts.ts).
  it.skipIf(process.platform === "win32")(
    "gives its other ports free ones, reads the folder it printed, and shows the README's port and folder",
    async () => {
      const report = await syncTranscripts(projectRoot, readme, markdown([], [], []));
      expect(report.problems).toEqual([]);
      const filled = markdown(
        [
          `$ ${server}`,
          "open http://127.0.0.1:8099/, passing on to 127.0.0.1:9100",
          `logs in ${folder}`,
          "Serving",
        ],
        [`$ ${fetchX} http://127.0.0.1:8099/x`, "502"],
        ["could not reach 127.0.0.1:9100 for /x"],
      );
      expect(report.text).toBe(filled);
      const again = await syncTranscripts(projectRoot, readme, filled);
      expect(transcriptMessages(again)).toEqual([]);
      expect(again.ran).toBe(3);
    },
  );
});

describe("the rules for what varies", () => {
  it("name dates, times, pids, durations, client ports and tokens, and nothing else", () => {
    expect(
      sameTranscript(
        "Date: Mon, 07 Dec 2026 13:05:23 GMT\n--- 83 bytes from 127.0.0.1:59770:\nworker 1 (pid 4312) took 12 ms",
        "Date: Tue, 08 Dec 2026 09:00:00 GMT\n--- 83 bytes from 127.0.0.1:41234:\nworker 1 (pid 977) took 3.5 ms",
      ),
    ).toBe(true);
    expect(sameTranscript("Content-Length: 8", "Content-Length: 9")).toBe(false);
    expect(
      sameTranscript(
        "at runCycle (<checkout>/gateway/response-cycle.ts:81:18)\nat emit (node:events:514:28)",
        "at runCycle (<checkout>/gateway/response-cycle.ts:96:18)\nat emit (node:events:519:3)",
      ),
    ).toBe(true);
    expect(
      sameTranscript(
        "at app (<checkout>/lessons/06-class-middleware/unbound.ts:22:28)",
        "at app (<checkout>/lessons/06-class-middleware/unbound.ts:23:28)",
      ),
      "a lesson's own frame keeps its line",
    ).toBe(false);
    expect(
      sameTranscript(
        "Debugger secret: X5wZFwpEXzzREf-BXdBv",
        "Debugger secret: zDKfUOVgIPtUvQ3XH-LW",
      ),
      "the debugger's secret is new at each start",
    ).toBe(true);
    expect(
      sameTranscript(
        '127.0.0.1 - - [24/Nov/2026:21:12:07 +0000] "GET / HTTP/1.1" 200 1885 "-" "curl/7.88.1" 15082',
        '127.0.0.1 - - [07/Dec/2026:15:01:33 +0000] "GET / HTTP/1.1" 200 1885 "-" "curl/8.5.0" 911',
      ),
      "an access log line's time and duration vary",
    ).toBe(true);
    expect(
      sameTranscript(
        '127.0.0.1 - - [24/Nov/2026:21:12:07 +0000] "GET / HTTP/1.1" 200 1885 "-" "curl/7.88.1" 15082',
        '127.0.0.1 - - [24/Nov/2026:21:12:07 +0000] "GET / HTTP/1.1" 200 1886 "-" "curl/7.88.1" 15082',
      ),
      "its byte count does not",
    ).toBe(false);
    expect(
      sameTranscript(
        '2026/12/07 16:47:21 [error] 9572#9572: *2 connect() failed (111: Connection refused) while connecting to upstream, client: 127.0.0.1, server: 127.0.0.1, request: "GET /app/ HTTP/1.1", upstream: "fastcgi://127.0.0.1:9100", host: "127.0.0.1:8012"',
        '2026/12/08 09:00:00 [error] 311#311: *5 connect() failed (111: Connection refused) while connecting to upstream, client: 127.0.0.1, server: 127.0.0.1, request: "GET /app/ HTTP/1.1", upstream: "fastcgi://127.0.0.1:9100", host: "127.0.0.1:8012"',
      ),
      "an nginx error.log line's time, process and connection count vary",
    ).toBe(true);
    expect(
      sameTranscript(
        "[Mon Dec 07 16:47:22.455197 2026] [proxy:error] [pid 9607:tid 9616] (111)Connection refused: AH00957: FCGI: attempt to connect to 127.0.0.1:9100 (127.0.0.1:9100) failed",
        "[Tue Dec 08 09:00:00.000001 2026] [proxy:error] [pid 12:tid 14] (111)Connection refused: AH00957: FCGI: attempt to connect to 127.0.0.1:9100 (127.0.0.1:9100) failed",
      ),
      "an Apache error.log line's time and process vary",
    ).toBe(true);
    expect(
      sameTranscript(
        "AH00957: FCGI: attempt to connect to 127.0.0.1:9100",
        "AH00957: FCGI: attempt to connect to 127.0.0.1:9000",
      ),
      "the port it names does not",
    ).toBe(false);
    expect(
      sameTranscript(
        "2 workers (pids 14084, 14085). To reload them one at a time: kill -HUP 14036",
        "2 workers (pids 977, 978). To reload them one at a time: kill -HUP 970",
      ),
      "the supervisor's and its workers' pids vary",
    ).toBe(true);
    expect(sameTranscript("--- 83 bytes from", "--- 84 bytes from")).toBe(false);
    expect(sameTranscript("http://127.0.0.1:8001/", "http://127.0.0.1:8002/")).toBe(false);
    expect(varyingRules.map((rule) => rule.name)).toEqual([
      "HTTP date",
      "log time",
      "microseconds taken, ending a log line",
      "nginx error log time",
      "Apache error log time",
      "nginx error log process and connection",
      "Apache error log process",
      "ISO time",
      "clock time",
      "length of a body with a pid",
      "pid",
      "pid to signal",
      "duration",
      "temporary folder",
      "client port",
      "toolkit frame position",
      "Node frame position",
      "file time in an ETag",
      "memory address",
      "debugger secret",
      "curl version",
      "random token",
    ]);
  });
});
