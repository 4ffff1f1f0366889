import { writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ExerciseRunner } from "../../../workshop/learn/run-test.ts";
import { createRunner } from "../../../workshop/learn/run-test.ts";
import type { FixtureRepo } from "../../fixtures/fixture-repo.ts";
import { makeFixtureRepo } from "../../fixtures/fixture-repo.ts";
import { countTest, greetTest, shoutTest, solve, starterFile } from "../../support/learn.ts";

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
    solve(repo.root, "greet.ts");
    const outcome = (await runner.run([greetTest])).get(greetTest);
    expect(outcome).toMatchObject({ passed: true, output: "" });
  });

  it("names the line of the learner's file that threw, and keeps what it printed", async () => {
    writeFileSync(
      starterFile(repo.root, "shout.ts"),
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
