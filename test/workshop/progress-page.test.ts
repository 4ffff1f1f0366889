import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { decode } from "../../gateway/bytes.ts";
import { serve } from "../../gateway/http-server.ts";
import { TestClient } from "../../gateway/test-client.ts";
import { learnerRunner } from "../../workshop/exercise-checker.ts";
import { homeApp } from "../../workshop/home.ts";
import type { ExerciseRunner, TestOutcome } from "../../workshop/learn/run-test.ts";
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

/**
 * A runner that answers from a table (by exercise id), and keeps what it was asked. It tells
 * the outcomes last to first, as side-by-side tests may finish; with `busy`, it first says the
 * machine is busy. An exercise missing from the table makes the whole run fail.
 */
function fakeRunner(
  outcomes: Record<string, TestOutcome>,
  options: { busy?: boolean } = {},
): ExerciseRunner & { asked: string[] } {
  const asked: string[] = [];
  const idOf = (test: string) => list.find((exercise) => exercise.test === test)?.id ?? test;
  return {
    asked,
    async run(tests, events) {
      asked.push(...tests.map(idOf));
      if (options.busy) events?.onBusy?.();
      const missing = tests.find((test) => outcomes[idOf(test)] === undefined);
      if (missing !== undefined) throw new Error(`no outcome for ${idOf(missing)}`);
      for (const test of [...tests].reverse())
        events?.onOutcome?.(test, outcomes[idOf(test)] as TestOutcome);
      return new Map(tests.map((test) => [test, outcomes[idOf(test)] as TestOutcome]));
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
    const runner = fakeRunner({
      "01-greet": PASSED,
      "01-shout": failed("shout() must return <b>LOUD</b>"),
      "02-count": failed("count() is missing"),
    });
    const client = new TestClient(homeApp({ lessonsDir, runner, exercises: list }));
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
    expect(response.text).toContain(
      'Work on <a href="/exercises/01-shout"><code>01-shout</code></a>: its\npage reruns the test',
    );
    expect(response.text).toContain('<a href="/exercises/01-shout">Write shout</a>');
    expect(response.text).toContain('(<a href="/lessons/01-basics/">lesson</a>)');
  });

  it("shows where the current exercise's test failed, when the runner says", async () => {
    const where = "starter/01-basics/shout.ts:3:9";
    const runner = fakeRunner({
      "01-greet": failed("greet() is missing", where),
      "01-shout": failed("shout() is missing", "starter/01-basics/shout.ts:1:1"),
      "02-count": failed("count() is missing"),
    });
    const client = new TestClient(homeApp({ lessonsDir, runner, exercises: list }));
    const { text } = await client.get("/progress");
    expect(text).toContain(`It failed at <code>${where}</code>.`);
    expect(text.match(/It failed at/g)).toHaveLength(1);
    const unknown = fakeRunner({
      "01-greet": failed("greet() is missing"),
      "01-shout": PASSED,
      "02-count": PASSED,
    });
    const without = new TestClient(homeApp({ lessonsDir, runner: unknown, exercises: list }));
    expect((await without.get("/progress")).text).not.toContain("It failed at");
  });

  it("says at the top that the count of solved exercises comes at the end", async () => {
    const runner = fakeRunner({ "01-greet": PASSED, "01-shout": PASSED, "02-count": PASSED });
    const client = new TestClient(homeApp({ lessonsDir, runner, exercises: list }));
    const { text } = await client.get("/progress");
    const note = text.indexOf("the count of solved exercises comes at the end");
    expect(note).toBeGreaterThan(-1);
    expect(note).toBeLessThan(text.indexOf('<ol class="progress">'));
    expect(text.indexOf("3 of 3 solved")).toBeGreaterThan(text.indexOf("</ol>"));
  });

  it("says so when every exercise is solved", async () => {
    const runner = fakeRunner({ "01-greet": PASSED, "01-shout": PASSED, "02-count": PASSED });
    const client = new TestClient(homeApp({ lessonsDir, runner, exercises: list }));
    const { text } = await client.get("/progress");
    expect(text).toContain("3 of 3 solved");
    expect(text).toContain("Every exercise is solved");
    expect(text).not.toContain('class="current"');
  });

  it("sends the top of the page before the first test has finished", async () => {
    const release = signal();
    const runner: ExerciseRunner = {
      run: async (tests) => {
        await release.promise;
        return new Map(tests.map((test) => [test, PASSED]));
      },
      close: async () => {},
    };
    const body = progressBody("", [exercise("01-greet")], runner)[Symbol.asyncIterator]();
    const first = decode([(await body.next()).value as Uint8Array]);
    expect(first).toContain("<h1>Your progress</h1>");
    expect(first).not.toContain("01-greet");
    release.resolve();
    const rest: Uint8Array[] = [];
    for (let step = await body.next(); !step.done; step = await body.next()) rest.push(step.value);
    expect(decode(rest)).toContain("01-greet");
    expect(decode(rest)).toMatch(/<\/html>\s*$/);
  });

  it("shows the rows in the list's order, whatever order the tests finish in", async () => {
    const runner = fakeRunner({ "01-greet": PASSED, "01-shout": failed("no"), "02-count": PASSED });
    const { text } = await new TestClient(homeApp({ lessonsDir, runner, exercises: list })).get(
      "/progress",
    );
    const ids = [...text.matchAll(/<li class="\w+">.*?<code>([\w-]+)<\/code>/gs)].map((m) => m[1]);
    expect(ids).toEqual(["01-greet", "01-shout", "02-count"]);
  });

  it("says so when the machine is busy, and the rows keep coming", async () => {
    const runner = fakeRunner(
      { "01-greet": PASSED, "01-shout": PASSED, "02-count": PASSED },
      { busy: true },
    );
    const { text } = await new TestClient(homeApp({ lessonsDir, runner, exercises: list })).get(
      "/progress",
    );
    expect(text).toContain("Still running (the machine is busy)");
    expect(text).toContain("3 of 3 solved");
  });

  it("shows tests that could not run as unsolved rows that say why", async () => {
    const runner = fakeRunner({ "01-greet": PASSED, "02-count": PASSED });
    const client = new TestClient(homeApp({ lessonsDir, runner, exercises: list }));
    const { text } = await client.get("/progress");
    expect(text.match(/the test could not run: no outcome for 01-shout/g)).toHaveLength(1);
    expect(runner.asked).toEqual(["01-greet", "01-shout", "02-count"]);
    expect(text).toContain("0 of 3 solved");
  });

  it("answers HEAD with a GET's headers, no Content-Length on either, and runs no test", async () => {
    const runner = fakeRunner({ "01-greet": PASSED, "01-shout": PASSED, "02-count": PASSED });
    const client = new TestClient(homeApp({ lessonsDir, runner, exercises: list }));
    const head = await client.request("HEAD", "/progress");
    expect(runner.asked).toEqual([]);
    expect(head.body.byteLength).toBe(0);
    const get = await client.get("/progress");
    expect(head.status).toBe(get.status);
    expect(head.headers).toEqual(get.headers);
    expect(get.header("Content-Length")).toBeUndefined();
  });

  it("sends HEAD's headers as GET's through a real server: no Content-Length, no body", async () => {
    const runner = fakeRunner({ "01-greet": PASSED, "01-shout": PASSED, "02-count": PASSED });
    const server = await serve(homeApp({ lessonsDir, runner, exercises: list }), { port: 0 });
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
    const client = new TestClient(homeApp({ lessonsDir, runner: fakeRunner({}), exercises: [] }));
    for (const path of ["/", "/progress", "/slides/", "/lessons/01-first-steps/"]) {
      const { statusCode, text } = await client.get(path);
      expect(statusCode, path).toBe(200);
      expect(text, path).toContain('<a href="/progress">Your progress</a>');
    }
  });
});

describe("learnerRunner", () => {
  let repo: FixtureRepo;

  beforeAll(async () => {
    repo = await makeFixtureRepo({ commit: false });
  });

  afterAll(async () => {
    await repo?.remove();
  });

  it("runs the real tests against the learner's starter, on the checkout's shared runner", async () => {
    const runner = learnerRunner(repo.root);
    try {
      const home = new TestClient(homeApp({ lessonsDir, runner, exercises: list.slice(0, 2) }));
      const { text } = await home.get("/progress");
      expect(text).toContain("greet(&quot;Ada&quot;) must return &quot;Hello, Ada!&quot;");
      expect(await runner.host()).toBe("here");
    } finally {
      await runner.close();
    }
  });
});
