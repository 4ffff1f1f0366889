import { execFile } from "node:child_process";
import { copyFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ExerciseRunner, TestOutcome } from "../../../workshop/learn/run-test.ts";
import { createRunner } from "../../../workshop/learn/run-test.ts";
import type { FixtureRepo } from "../../fixtures/fixture-repo.ts";
import { makeFixtureRepo } from "../../fixtures/fixture-repo.ts";

const greetTest = "test/exercises/01-basics/greet.test.ts";
const shoutTest = "test/exercises/01-basics/shout.test.ts";
const countTest = "test/exercises/02-deeper/count.test.ts";
const slowMachine = fileURLToPath(new URL("../../fixtures/learn/slow-machine.ts", import.meta.url));
const mainThreadRunner = fileURLToPath(
  new URL("../../fixtures/learn/run-on-main-thread.ts", import.meta.url),
);
const run = promisify(execFile);

let repo: FixtureRepo;
let runner: ExerciseRunner;

beforeAll(async () => {
  repo = await makeFixtureRepo({ commit: false });
  runner = await createRunner(repo.root, path.join(repo.root, "starter"));
});

afterAll(async () => {
  await runner?.close();
  await repo?.remove();
});

function starterFile(name: string): string {
  return path.join(repo.root, "starter", "01-basics", name);
}

function solve(name: string): void {
  copyFileSync(path.join(repo.root, "solutions", "01-basics", name), starterFile(name));
}

describe("createRunner", () => {
  it("reports each test file's outcome with the learner-facing message", async () => {
    const outcomes = await runner.run([greetTest, shoutTest, countTest]);
    expect(outcomes.get(greetTest)).toMatchObject({
      passed: false,
      failure: {
        test: "01-greet > greets by name",
        message: `greet("Ada") must return "Hello, Ada!"; see lessons/01-basics/README.md, 'Exercise: greet': expected 'Hello, !' to be 'Hello, Ada!'`,
      },
    });
    expect(outcomes.get(shoutTest)?.failure?.message).toBe(
      "starter/01-basics/shout.ts must export a function named shout (it exports nothing by that name); see lessons/01-basics/README.md, 'Exercise: shout'",
    );
    expect(outcomes.get(countTest)?.passed).toBe(false);
  });

  it("tells each outcome as soon as it is known, and says where the run's time went", async () => {
    const heard: string[] = [];
    const outcomes = await runner.run([greetTest, countTest], {
      onOutcome: (test) => heard.push(test),
    });
    expect(heard.sort()).toEqual([greetTest, countTest].sort());
    const phases = outcomes.get(countTest)?.phases;
    expect(Object.keys(phases ?? {})).toEqual(["prepare", "setup", "collect", "tests"]);
  });

  it("sees a file saved since the last run", async () => {
    solve("greet.ts");
    const outcome = (await runner.run([greetTest])).get(greetTest);
    expect(outcome).toMatchObject({ passed: true, output: "" });
  });

  it("names the line of the learner's file that threw, and keeps what it printed", async () => {
    writeFileSync(
      starterFile("shout.ts"),
      [
        "export function shout(word: string): string {",
        '  console.log("shouting", word);',
        '  throw new TypeError("not yet");',
        "}",
        "",
      ].join("\n"),
    );
    const outcome = (await runner.run([shoutTest])).get(shoutTest);
    expect(outcome?.failure).toEqual({
      test: "01-shout > shouts",
      message: "TypeError: not yet",
      where: "starter/01-basics/shout.ts:3",
    });
    expect(outcome?.output).toBe("shouting hey\n");
  });

  it("reports a test file that does not exist as not run", async () => {
    const outcomes = await runner.run(["test/exercises/01-basics/missing.test.ts"]);
    expect(outcomes.get("test/exercises/01-basics/missing.test.ts")?.passed).toBe(false);
  });
});

describe("a runner on a busy machine", () => {
  it("says the run is still going, and gives the tests' own verdicts, however long they take", async () => {
    solve("greet.ts");
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
    writeFileSync(starterFile("greet.ts"), loop);
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
      writeFileSync(starterFile("greet.ts"), loop);
      const heard = new Map<string, TestOutcome>();
      const outcomes = await looping.run([greetTest], {
        onOutcome: (test, outcome) => heard.set(test, outcome),
      });
      expect(outcomes.get(greetTest)?.failure?.message).toBe(
        "your code never gave the test a turn: look in your file for a loop that never ends, " +
          "fix it and save, and the test runs again",
      );
      expect(heard.get(greetTest)).toEqual(outcomes.get(greetTest));
      solve("greet.ts");
      expect((await looping.run([greetTest])).get(greetTest)?.passed).toBe(true);
    } finally {
      await looping.close();
    }
  });
});
