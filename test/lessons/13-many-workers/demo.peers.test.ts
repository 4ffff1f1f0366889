/**
 * What lesson 13's README says you will see: lesson 06's counter counting
 * wrong under two workers, and `npm run demo -- 13` printing six answers
 * whose memory counts repeat while the database's count each request, on a
 * real PostgreSQL (`DATABASE_URL`) and on the embedded one (the default).
 */
import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findNginx } from "../../../lessons/12-deployment/nginx/find-nginx.ts";
import { getOnNewConnection } from "../../../lessons/13-many-workers/show-workers.ts";
import { freePort } from "../../support/free-port.ts";
import {
  type PostgresCluster,
  postgresSkipReason,
  startPostgresCluster,
} from "../../support/postgres-cluster.ts";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..", "..");

/** A program of this checkout, run with tsx; its output gathered, and waited on by pattern. */
function run(args: string[], env: Record<string, string | undefined> = {}) {
  const child = spawn(process.execPath, ["--import", "tsx", ...args], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: undefined, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  const printed = (pattern: RegExp) =>
    new Promise<RegExpExecArray>((resolve, reject) => {
      const look = () => {
        const match = pattern.exec(output);
        if (match !== null) resolve(match);
      };
      const gather = (chunk: Buffer) => {
        output += chunk.toString();
        look();
      };
      child.stdout.on("data", gather);
      child.stderr.on("data", gather);
      child.once("exit", () => reject(new Error(`exited before printing ${pattern}:\n${output}`)));
      look();
    });
  return { child, printed, output: () => output };
}

/** Ctrl-C, and the exit. */
async function interrupt(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, "exit");
  child.kill("SIGINT");
  await exited;
}

/**
 * What the demo prints for its six visits, three in each worker: each worker's own count
 * climbs by one every other visit, the database's by one every visit.
 */
const SIX_VISITS = [
  [1, 1],
  [1, 2],
  [2, 3],
  [2, 4],
  [3, 5],
  [3, 6],
];

/** The demo's six lines, as [memory, database] pairs. */
function counts(output: string): Array<[number, number]> {
  return [...output.matchAll(/this worker's memory: (\d+), the database: (\d+)/g)].map((m) => [
    Number(m[1]),
    Number(m[2]),
  ]);
}

describe("lesson 06's counter under two workers", () => {
  it("answers visit 1, visit 1, visit 2, visit 2", async () => {
    const server = run([
      "bin/gateway.js",
      "serve",
      "lessons/13-many-workers/memory-counter.ts",
      "--workers",
      "2",
      "--port",
      "0",
    ]);
    try {
      const [, url] = await server.printed(/on (http:\/\/\S+\/)/);
      const answers = [];
      for (let i = 0; i < 4; i++) answers.push((await getOnNewConnection(url as string)).trim());
      expect(answers).toEqual(["visit 1", "visit 1", "visit 2", "visit 2"]);
    } finally {
      await interrupt(server.child);
    }
  });
});

const skip = postgresSkipReason();
if (skip !== undefined) console.warn(skip);

describe.skipIf(skip !== undefined)("npm run demo -- 13 with DATABASE_URL", () => {
  let cluster: PostgresCluster;
  beforeAll(async () => {
    cluster = await startPostgresCluster();
  });
  afterAll(async () => {
    await cluster?.destroy();
  });

  it("prints the URL and six answers: memory counts repeat, the database counts each request", async () => {
    const demo = run(["workshop/demo.ts", "13", "--port", "0"], { DATABASE_URL: cluster.url });
    try {
      await demo.printed(/Press Ctrl-C to stop\./);
      expect(demo.output()).toMatch(/Lesson 13 demo: open http:\/\/127\.0\.0\.1:\d+\//);
      expect(demo.output()).toContain(
        "2 workers, counting in the PostgreSQL server DATABASE_URL names.",
      );
      expect(counts(demo.output())).toEqual(SIX_VISITS);
    } finally {
      await interrupt(demo.child);
    }
  });
});

describe.skipIf(skip !== undefined || (findNginx() === undefined && !process.env.CI))(
  "npm run demo -- 13 nginx",
  () => {
    let cluster: PostgresCluster;
    beforeAll(async () => {
      cluster = await startPostgresCluster();
    });
    afterAll(async () => {
      await cluster?.destroy();
    });

    it("puts nginx on the lesson's port, in front of the workers, and counts through it", async () => {
      const port = await freePort();
      const demo = run(["workshop/demo.ts", "13", "nginx", "--port", String(port)], {
        DATABASE_URL: cluster.url,
      });
      try {
        await demo.printed(/Press Ctrl-C to stop\./);
        expect(demo.output()).toContain(
          `Lesson 13 demo: open http://127.0.0.1:${port}/ (nginx, in front of the workers;`,
        );
        expect(counts(demo.output())).toEqual(SIX_VISITS);
      } finally {
        await interrupt(demo.child);
      }
      expect(demo.child.exitCode, demo.output()).toBe(0);
    });
  },
);

describe("npm run demo -- 13 with no DATABASE_URL", () => {
  let dataDir: string;
  beforeAll(() => {
    dataDir = mkdtempSync(path.join(tmpdir(), "lesson-13-demo-"));
  });
  afterAll(() => {
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("starts the embedded PostgreSQL, counts in it, and stops it on Ctrl-C", async () => {
    const demo = run(["workshop/demo.ts", "13", "--port", "0", "--data", dataDir]);
    try {
      await demo.printed(/Press Ctrl-C to stop\./);
      expect(demo.output()).toContain("Starting the embedded PostgreSQL in");
      expect(counts(demo.output()).map(([, database]) => database)).toEqual([1, 2, 3, 4, 5, 6]);
    } finally {
      await interrupt(demo.child);
    }
    expect(demo.child.exitCode, demo.output()).toBe(0);
  });
});
