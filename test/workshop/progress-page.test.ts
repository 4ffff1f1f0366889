import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { decode } from "../../gateway/bytes.ts";
import { TestClient } from "../../gateway/test-client.ts";
import { type ExerciseChecker, starterChecker } from "../../workshop/exercise-checker.ts";
import { homeApp } from "../../workshop/home.ts";
import type { TestOutcome } from "../../workshop/learn/run-test.ts";
import type { Exercise } from "../../workshop/manifest.ts";
import { progressBody } from "../../workshop/progress-page.ts";
import { type FixtureRepo, makeFixtureRepo } from "../fixtures/fixture-repo.ts";
import { signal } from "../support/signal.ts";

const lessonsDir = fileURLToPath(new URL("../fixtures/lessons/", import.meta.url));

function exercise(id: string, lesson = "01-basics"): Exercise {
  const name = id.slice(3);
  return {
    id,
    lesson,
    file: `${lesson}/${name}.ts`,
    test: `test/exercises/${lesson}/${name}.test.ts`,
    title: `Write ${name}`,
    hints: [`First hint for ${name}.`, `Read lessons/${lesson}/README.md.`],
  };
}

const list = [exercise("01-greet"), exercise("01-shout"), exercise("02-count", "02-deeper")];

/** A checker that answers from a table, and counts what it was asked. */
function fakeChecker(outcomes: Record<string, TestOutcome>): ExerciseChecker & { asked: string[] } {
  const asked: string[] = [];
  return {
    asked,
    async check(exercise) {
      asked.push(exercise.id);
      const outcome = outcomes[exercise.id];
      if (outcome === undefined) throw new Error(`no outcome for ${exercise.id}`);
      return outcome;
    },
    close: async () => {},
  };
}

const PASSED: TestOutcome = { passed: true, output: "" };
const failed = (message: string): TestOutcome => ({
  passed: false,
  failure: { test: "", message },
  output: "",
});

describe("the progress page", () => {
  it("shows a row per exercise, and for the first unsolved one why its test fails and a hint", async () => {
    const checker = fakeChecker({
      "01-greet": PASSED,
      "01-shout": failed("shout() must return <b>LOUD</b>"),
      "02-count": failed("count() is missing"),
    });
    const client = new TestClient(homeApp({ lessonsDir, checker, exercises: list }));
    const response = await client.get("/progress");
    expect(response.status).toBe("200 OK");
    expect(response.header("Cache-Control")).toBe("no-store");
    const rows = [...response.text.matchAll(/<li class="(\w+)">.*?<code>([\w-]+)<\/code>/gs)];
    expect(rows.map((row) => [row[1], row[2]])).toEqual([
      ["solved", "01-greet"],
      ["current", "01-shout"],
      ["todo", "02-count"],
    ]);
    expect(response.text).toContain("shout() must return &lt;b&gt;LOUD&lt;/b&gt;");
    expect(response.text).toContain("Hint: First hint for shout.");
    expect(response.text).not.toContain("count() is missing");
    expect(response.text).toContain("1 of 3 solved");
    expect(response.text).toMatch(/Run <code>npm run learn<\/code> to work on <code>01-shout/);
    expect(response.text).toContain('<a href="/lessons/01-basics/">Write shout</a>');
  });

  it("says so when every exercise is solved", async () => {
    const checker = fakeChecker({ "01-greet": PASSED, "01-shout": PASSED, "02-count": PASSED });
    const client = new TestClient(homeApp({ lessonsDir, checker, exercises: list }));
    const { text } = await client.get("/progress");
    expect(text).toContain("3 of 3 solved");
    expect(text).toContain("Every exercise is solved");
    expect(text).not.toContain('class="current"');
  });

  it("sends the top of the page before the first test has finished", async () => {
    const release = signal();
    const checker: ExerciseChecker = {
      check: async () => {
        await release.promise;
        return PASSED;
      },
      close: async () => {},
    };
    const body = progressBody("", [exercise("01-greet")], checker)[Symbol.asyncIterator]();
    const first = decode([(await body.next()).value as Uint8Array]);
    expect(first).toContain("<h1>Your progress</h1>");
    expect(first).not.toContain("01-greet");
    release.resolve();
    const rest: Uint8Array[] = [];
    for (let step = await body.next(); !step.done; step = await body.next()) rest.push(step.value);
    expect(decode(rest)).toContain("01-greet");
    expect(decode(rest)).toMatch(/<\/html>\s*$/);
  });

  it("shows a test that could not run as an unsolved row, and goes on to the next", async () => {
    const checker = fakeChecker({ "01-greet": PASSED, "02-count": PASSED });
    const client = new TestClient(homeApp({ lessonsDir, checker, exercises: list }));
    const { text } = await client.get("/progress");
    expect(text).toContain("the test could not run: no outcome for 01-shout");
    expect(checker.asked).toEqual(["01-greet", "01-shout", "02-count"]);
    expect(text).toContain("2 of 3 solved");
  });

  it("runs no test for a HEAD request", async () => {
    const checker = fakeChecker({});
    const client = new TestClient(homeApp({ lessonsDir, checker, exercises: list }));
    const response = await client.request("HEAD", "/progress");
    expect(response.status).toBe("200 OK");
    expect(checker.asked).toEqual([]);
  });

  it("is linked from every page's header", async () => {
    const client = new TestClient(homeApp({ lessonsDir, checker: fakeChecker({}) }));
    expect((await client.get("/")).text).toContain('<a href="/progress">Your progress</a>');
  });
});

describe("starterChecker", () => {
  let repo: FixtureRepo;

  beforeAll(async () => {
    repo = await makeFixtureRepo({ commit: false });
  }, 30_000);

  afterAll(async () => {
    await repo?.remove();
  });

  it("runs the real tests against the learner's starter, one check at a time", async () => {
    const checker = starterChecker(repo.root);
    try {
      // Asked together, as two visitors would: the second waits for the first.
      const [greet, shout] = await Promise.all([
        checker.check(exercise("01-greet")),
        checker.check(exercise("01-shout")),
      ]);
      expect(greet.passed).toBe(false);
      expect(greet.failure?.message).toContain('greet("Ada") must return "Hello, Ada!"');
      expect(shout.failure?.message).toContain("must export a function named shout");
    } finally {
      await checker.close();
    }
  }, 30_000);
});
