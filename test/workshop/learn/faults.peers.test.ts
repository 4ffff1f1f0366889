/**
 * The exercise runner facing faults: a machine so busy that each test takes long, a learner's
 * loop that never ends, a shared runner's host that leaves in the middle of a run. Fault tests
 * belong to the peers tier: the loops burn a core for seconds on purpose, and the busy machine
 * is made slow on purpose. The runner's everyday work is checked in run-test.test.ts and
 * shared-runner.test.ts.
 */
import { execFile } from "node:child_process";
import { writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createRunner, type TestOutcome } from "../../../workshop/learn/run-test.ts";
import { sharedRunner } from "../../../workshop/learn/shared-runner.ts";
import { type FixtureRepo, makeFixtureRepo } from "../../fixtures/fixture-repo.ts";
import {
  countTest,
  greetTest,
  servingRunner,
  shoutTest,
  slowMachine,
  solve,
  starterFile,
} from "../../support/learn.ts";

const mainThreadRunner = fileURLToPath(
  new URL("../../fixtures/learn/run-on-main-thread.ts", import.meta.url),
);
const run = promisify(execFile);

let repo: FixtureRepo;

beforeAll(async () => {
  repo = await makeFixtureRepo({ commit: false });
});

afterAll(async () => {
  await repo?.remove();
});

describe("a runner on a busy machine", () => {
  it("says the run is still going, and gives the tests' own verdicts, however long they take", async () => {
    solve(repo.root, "greet.ts");
    // Impatient: a thread that uses 1 s of CPU without a beat would be stuck. The slow machine
    // keeps each test's thread busy twice as long as that, but it yields, and its heartbeat goes on.
    const slow = await createRunner(repo.root, path.join(repo.root, "starter"), {
      stuckAfterMs: 1_000,
      busyAfterMs: 200,
      setupFiles: [slowMachine],
    });
    try {
      let busy = 0;
      const outcomes = await slow.run([greetTest, countTest], { onBusy: () => busy++ });
      expect(busy).toBe(1);
      expect(outcomes.get(greetTest)).toMatchObject({ passed: true });
      expect(outcomes.get(countTest)?.failure?.message).toContain('count("a b  c") must return 3');
    } finally {
      await slow.close();
    }
  });
});

describe("a runner facing a loop that never ends", () => {
  const loop = [
    "export function greet(name: string): string {",
    "  let tries = 0;",
    "  while (name) tries++;",
    "  return String(tries);",
    "}",
    "",
  ].join("\n");

  it("names the line that loops, ends that test's thread, and the rest of the run goes on", async () => {
    writeFileSync(starterFile(repo.root, "greet.ts"), loop);
    const { stdout } = await run(process.execPath, [
      "--import",
      "tsx",
      mainThreadRunner,
      repo.root,
      "3000",
      greetTest,
      countTest,
    ]);
    const first = new Map(JSON.parse(stdout) as Array<[string, TestOutcome]>);
    expect(first.get(greetTest)?.failure).toEqual({
      test: "",
      message:
        "your code never gave the test a turn: it was still running line 3 of " +
        "starter/01-basics/greet.ts (in greet). A loop that never ends? Fix it and save, " +
        "and the test runs again",
      where: "starter/01-basics/greet.ts:3",
    });
    expect(first.get(countTest)?.failure?.message).toContain('count("a b  c") must return 3');
  });

  it("catches the loop from a worker thread too, where it cannot see the line, and runs again once it is fixed", async () => {
    const looping = await createRunner(repo.root, path.join(repo.root, "starter"), {
      stuckAfterMs: 3_000,
    });
    try {
      writeFileSync(starterFile(repo.root, "greet.ts"), loop);
      const heard = new Map<string, TestOutcome>();
      const outcomes = await looping.run([greetTest], {
        onOutcome: (test, outcome) => heard.set(test, outcome),
      });
      expect(outcomes.get(greetTest)?.failure?.message).toBe(
        "your code never gave the test a turn: look in your file for a loop that never ends, " +
          "fix it and save, and the test runs again",
      );
      expect(heard.get(greetTest)).toEqual(outcomes.get(greetTest));
      solve(repo.root, "greet.ts");
      expect((await looping.run([greetTest])).get(greetTest)?.passed).toBe(true);
    } finally {
      await looping.close();
    }
  });
});

describe("a shared runner whose host leaves", () => {
  // A repository of its own: the tests above solved greet.ts in theirs.
  let fresh: FixtureRepo;
  beforeAll(async () => {
    fresh = await makeFixtureRepo({ commit: false });
  });
  afterAll(async () => {
    await fresh?.remove();
  });

  it("sends a run again when its host leaves in the middle of it, and loses no outcome", async () => {
    // The host's machine is slow, so the run is still going when the host leaves.
    const tree = path.join(fresh.root, "starter");
    const first = sharedRunner(fresh.root, tree, { setupFiles: [slowMachine] });
    const second = sharedRunner(fresh.root, tree);
    try {
      expect(await first.host()).toBe("here");
      const running = second.run([greetTest, shoutTest]);
      while ((await servingRunner(fresh.root, tree)).runs === 0) await new Promise(setImmediate);
      await first.close();
      const outcomes = await running;
      expect(outcomes.get(greetTest)?.failure?.message).toContain('greet("Ada")');
      expect(outcomes.get(shoutTest)?.failure?.message).toContain("must export a function");
      expect(await second.host()).toBe("here");
    } finally {
      await first.close();
      await second.close();
    }
  });
});
