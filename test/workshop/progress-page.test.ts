import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { decode } from "../../gateway/bytes.ts";
import { serve } from "../../gateway/http-server.ts";
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
const failed = (message: string, where?: string): TestOutcome => ({
  passed: false,
  failure: where === undefined ? { test: "", message } : { test: "", message, where },
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

  it("shows where the current exercise's test failed, when the runner says", async () => {
    const where = "starter/01-basics/shout.ts:3:9";
    const checker = fakeChecker({
      "01-greet": failed("greet() is missing", where),
      "01-shout": failed("shout() is missing", "starter/01-basics/shout.ts:1:1"),
      "02-count": failed("count() is missing"),
    });
    const client = new TestClient(homeApp({ lessonsDir, checker, exercises: list }));
    const { text } = await client.get("/progress");
    expect(text).toContain(`It failed at <code>${where}</code>.`);
    expect(text.match(/It failed at/g)).toHaveLength(1);
    const unknown = fakeChecker({ "01-greet": failed("greet() is missing"), "01-shout": PASSED });
    const without = new TestClient(homeApp({ lessonsDir, checker: unknown, exercises: list }));
    expect((await without.get("/progress")).text).not.toContain("It failed at");
  });

  it("says at the top that the count of solved exercises comes at the end", async () => {
    const checker = fakeChecker({ "01-greet": PASSED, "01-shout": PASSED, "02-count": PASSED });
    const client = new TestClient(homeApp({ lessonsDir, checker, exercises: list }));
    const { text } = await client.get("/progress");
    const note = text.indexOf("the count of solved exercises comes at the end");
    expect(note).toBeGreaterThan(-1);
    expect(note).toBeLessThan(text.indexOf('<ol class="progress">'));
    expect(text.indexOf("3 of 3 solved")).toBeGreaterThan(text.indexOf("</ol>"));
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

  it("answers HEAD with a GET's headers, no Content-Length on either, and runs no test", async () => {
    const checker = fakeChecker({ "01-greet": PASSED, "01-shout": PASSED, "02-count": PASSED });
    const client = new TestClient(homeApp({ lessonsDir, checker, exercises: list }));
    const head = await client.request("HEAD", "/progress");
    expect(checker.asked).toEqual([]);
    expect(head.body.byteLength).toBe(0);
    const get = await client.get("/progress");
    expect(head.status).toBe(get.status);
    expect(head.headers).toEqual(get.headers);
    expect(get.header("Content-Length")).toBeUndefined();
  });

  it("sends HEAD's headers as GET's through a real server: no Content-Length, no body", async () => {
    const checker = fakeChecker({ "01-greet": PASSED, "01-shout": PASSED, "02-count": PASSED });
    const server = await serve(homeApp({ lessonsDir, checker, exercises: list }), { port: 0 });
    try {
      const head = await fetch(`${server.url}progress`, { method: "HEAD" });
      const get = await fetch(`${server.url}progress`);
      await get.text();
      expect(head.headers.get("Content-Length")).toBeNull();
      expect(get.headers.get("Content-Length")).toBeNull();
      expect(get.headers.get("Transfer-Encoding")).toBe("chunked");
      expect(head.headers.get("Content-Type")).toBe(get.headers.get("Content-Type"));
    } finally {
      await server.close();
    }
  });

  it("is linked from every page's header", async () => {
    const client = new TestClient(homeApp({ lessonsDir, checker: fakeChecker({}), exercises: [] }));
    for (const path of ["/", "/progress", "/slides/", "/lessons/01-first-steps/"]) {
      const { statusCode, text } = await client.get(path);
      expect(statusCode, path).toBe(200);
      expect(text, path).toContain('<a href="/progress">Your progress</a>');
    }
  });
});

describe("starterChecker", () => {
  let repo: FixtureRepo;

  beforeAll(async () => {
    repo = await makeFixtureRepo({ commit: false });
  });

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
  });
});
