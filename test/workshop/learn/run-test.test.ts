import { copyFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ExerciseRunner } from "../../../workshop/learn/run-test.ts";
import { createRunner } from "../../../workshop/learn/run-test.ts";
import type { FixtureRepo } from "../../fixtures/fixture-repo.ts";
import { makeFixtureRepo } from "../../fixtures/fixture-repo.ts";

const greetTest = "test/exercises/01-basics/greet.test.ts";
const shoutTest = "test/exercises/01-basics/shout.test.ts";
const countTest = "test/exercises/02-deeper/count.test.ts";

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

  it("sees a file saved since the last run", async () => {
    const greet = "01-basics/greet.ts";
    copyFileSync(path.join(repo.root, "solutions", greet), path.join(repo.root, "starter", greet));
    const outcomes = await runner.run([greetTest]);
    expect(outcomes.get(greetTest)).toEqual({ passed: true, output: "" });
  });

  it("names the line of the learner's file that threw, and keeps what it printed", async () => {
    writeFileSync(
      path.join(repo.root, "starter", "01-basics", "shout.ts"),
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

  it("reports a run stuck in a loop that never ends, and runs the next one afresh", async () => {
    const greet = path.join(repo.root, "starter", "01-basics", "greet.ts");
    // Long enough for a fresh Vitest's first run on a busy machine, short enough for a test.
    const looping = await createRunner(repo.root, path.join(repo.root, "starter"), 8_000);
    try {
      writeFileSync(greet, "export function greet(): string {\n  for (;;) {}\n}\n");
      const stuck = (await looping.run([greetTest])).get(greetTest);
      expect(stuck?.passed).toBe(false);
      expect(stuck?.failure?.message).toMatch(
        /did not finish in 8 s: look in your file for a loop/,
      );
      copyFileSync(path.join(repo.root, "solutions", "01-basics", "greet.ts"), greet);
      expect((await looping.run([greetTest])).get(greetTest)?.passed).toBe(true);
    } finally {
      await looping.close();
    }
  });
});
