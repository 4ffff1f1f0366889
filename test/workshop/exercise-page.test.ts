import { readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { encode } from "../../gateway/bytes.ts";
import { TestClient } from "../../gateway/test-client.ts";
import type { TraceData } from "../../gateway/trace/events.ts";
import { startTracing, stopTracing } from "../../gateway/trace/tracer.ts";
import type { App } from "../../gateway/types.ts";
import { exercises as workshopExercises } from "../../workshop/manifest.ts";
import { projectRoot } from "../fixtures/fixture-repo.ts";
import { type LiveHome, liveHome } from "../support/live-home.ts";

let live: LiveHome;
let token: string;

beforeAll(async () => {
  live = await liveHome();
  token = await live.token();
});
afterAll(() => live.close());

const greetFile = () => path.join(live.repo.root, "starter", "01-basics", "greet.ts");
const failing = {
  passed: false,
  failure: { test: "greets by name", message: 'greet("Ada") must return "Hello, Ada!"' },
  output: "",
};

/** Opens the exercise's event stream, waits for `runs` test runs in all, then leaves the page. */
async function streamUntil(id: string, runs: number, during: () => void = () => {}) {
  const leave = new AbortController();
  const response = live.client.get(`/exercises/${id}/events`, { signal: leave.signal });
  await live.ran(runs - 1);
  during();
  await live.ran(runs);
  // Let the last verdict reach the stream before the page leaves.
  await new Promise((resolve) => setImmediate(resolve));
  leave.abort();
  return response;
}

describe("an exercise's page", () => {
  it("shows the task from the learner's file, the hints and the solution's steps, one at a time", async () => {
    const page = await live.client.get("/exercises/01-greet");
    expect(page.statusCode).toBe(200);
    expect(page.text).toContain("<h1>Greet someone by name</h1>");
    expect(page.text).toContain('<pre class="task">Exercise: greet someone by name.');
    expect(page.text.match(/<details class="hint">/g)).toHaveLength(2);
    expect(page.text).toContain("<summary>Hint 1 of 2</summary><p>Use a template literal.</p>");
    expect(page.text).toContain("Step 1 of 1: a change at line 7</summary>");
    // biome-ignore lint/suspicious/noTemplateCurlyInString: the learner's code holds a template literal
    expect(page.text).toContain("<ins>+   return `Hello, ${name}!`;</ins>");
    expect(page.text).toContain('data-events="/exercises/01-greet/events"');
  });

  it("links to the learner's file in VS Code, at its first TODO", async () => {
    const page = await live.client.get("/exercises/01-greet");
    const file = greetFile().split(path.sep).join("/");
    expect(page.text).toContain(`href="vscode://file${file.startsWith("/") ? "" : "/"}${file}:7"`);
    expect(page.text).not.toContain("Open with");
  });

  it("offers the editor the home was started with, by its name", async () => {
    const withEditor = await liveHome({ env: { EDITOR: '"/opt/My Editor/editor" --new-window' } });
    try {
      const page = await withEditor.client.get("/exercises/01-greet");
      expect(page.text).toContain("<button>Open with editor</button>");
    } finally {
      await withEditor.close();
    }
  });

  it("offers catch-up from the second exercise on, and links the exercises before and after", async () => {
    const first = await live.client.get("/exercises/01-greet");
    expect(first.text).toContain("there is nothing before it to catch up on");
    expect(first.text).toContain('<a rel="next" href="/exercises/01-shout">');
    const second = await live.client.get("/exercises/01-shout");
    expect(second.text).toContain('action="/exercises/01-shout/catch-up"');
    expect(second.text).toContain('<a rel="prev" href="/exercises/01-greet">');
  });

  it("says how to get a deleted file back", async () => {
    const file = path.join(live.repo.root, "starter", "02-deeper", "app", "steps", "count.ts");
    const kept = readFileSync(file, "utf8");
    rmSync(file);
    try {
      const page = await live.client.get("/exercises/02-count");
      expect(page.text).toContain("is missing: press &quot;Reset this exercise&quot; below");
    } finally {
      writeFileSync(file, kept);
    }
  });

  it("answers an unknown exercise with the home's 404 page", async () => {
    const page = await live.client.get("/exercises/99-nothing");
    expect(page.statusCode).toBe(404);
    expect(page.text).toContain("There is no exercise &quot;99-nothing&quot;");
    expect(page.text).toContain('class="site-name"');
  });
});

describe("an exercise's live verdict", () => {
  it("runs the test when the page opens, and again when the learner saves", async () => {
    const test = "test/exercises/01-basics/greet.test.ts";
    live.outcomes.set(test, [failing]);
    const start = live.runs.length;
    const response = await streamUntil("01-greet", start + 2, () => {
      live.outcomes.delete(test);
      live.save(["01-basics/greet.ts"]);
    });
    const { text } = await response;
    expect(live.runs.slice(start)).toEqual([[test], [test]]);
    const states = [...text.matchAll(/data-state="(\w+)"/g)].map((match) => match[1]);
    expect(states).toEqual(["checking", "failed", "checking", "passed"]);
    expect(text).toContain("event: verdict\ndata: ");
    expect(text).toContain("greet(&quot;Ada&quot;) must return &quot;Hello, Ada!&quot;");
    expect(text).toContain('Next: <a href="/exercises/01-shout">Shout a word</a>.');
  });

  it("stops watching when the last page leaves", async () => {
    const start = live.runs.length;
    const leave = new AbortController();
    const response = live.client.get("/exercises/01-shout/events", { signal: leave.signal });
    await live.ran(start + 1);
    expect(live.watching()).toBe(true);
    leave.abort();
    await response;
    expect(live.watching()).toBe(false);
  });
});

describe("reset, catch-up and undo, from the page", () => {
  it("puts the file back as shipped, keeps the learner's version, and undoes it", async () => {
    writeFileSync(greetFile(), "// my work\n");
    const reset = await live.client.post("/exercises/01-greet/reset", { form: { csrf: token } });
    expect(reset.statusCode).toBe(200);
    expect(readFileSync(greetFile(), "utf8")).toContain("TODO: put the name in the greeting.");
    expect(reset.text).toContain("Put back as shipped: <code>starter/01-basics/greet.ts</code>.");
    const backup = /name="backup" value="([^"]+)"/.exec(reset.text)?.[1] ?? "";
    expect(reset.text).toContain(`<code>data/learn-backups/${backup}/</code>`);
    expect(reset.text).toContain(`npm run learn -- restore ${backup}`);
    const undo = await live.client.post("/exercises/01-greet/restore", {
      form: { csrf: token, backup },
    });
    expect(undo.statusCode).toBe(200);
    expect(readFileSync(greetFile(), "utf8")).toBe("// my work\n");
    expect(undo.text).toContain(`Put back what backup ${backup} kept`);
  });

  it("says when a reset had nothing to do", async () => {
    await live.client.post("/exercises/01-greet/reset", { form: { csrf: token } });
    const again = await live.client.post("/exercises/01-greet/reset", { form: { csrf: token } });
    expect(again.text).toContain("Nothing changed: the files already were as asked.");
  });

  it("catches up on the earlier exercises that fail, and leaves the solved ones", async () => {
    live.outcomes.set("test/exercises/01-basics/greet.test.ts", [
      failing,
      { passed: true, output: "" },
    ]);
    const caught = await live.client.post("/exercises/02-count/catch-up", {
      form: { csrf: token },
    });
    live.outcomes.clear();
    expect(caught.statusCode).toBe(200);
    expect(caught.text).toContain("Caught up: the reference solution went into");
    expect(caught.text).toContain("<li><code>01-greet</code> ✓ now passes</li>");
    expect(caught.text).toContain(
      "Left as you wrote them (their tests pass): <code>01-shout</code>",
    );
    // biome-ignore lint/suspicious/noTemplateCurlyInString: the learner's code holds a template literal
    expect(readFileSync(greetFile(), "utf8")).toContain("return `Hello, ${name}!`;");
    expect(caught.text).toMatch(/name="backup" value="[^"]+"/);
  });
});

describe("the lessons' exercise sections", () => {
  it("each link to their exercise's page", () => {
    for (const exercise of workshopExercises) {
      const readme = readFileSync(
        path.join(projectRoot, "lessons", exercise.lesson, "README.md"),
        "utf8",
      );
      const heading = /'(Exercise: [^']+)'/.exec(exercise.hints.at(-1) ?? "")?.[1];
      const section = readme.split(`## ${heading}\n`)[1]?.split("\n## ")[0] ?? "";
      expect(section, `${exercise.lesson}, ${heading}`).toContain(
        `](../../exercises/${exercise.id})`,
      );
    }
  });
});

describe("the trace of the learner's app under the exercise's test", () => {
  const greetTest = "test/exercises/01-basics/greet.test.ts";

  /** A real trace, as the tracer records it when a test sends a request to the learner's app. */
  async function recordedTrace(): Promise<TraceData> {
    const tracer = startTracing();
    try {
      const greeting: App = (_environ, startResponse) => {
        startResponse("200 OK", [["Content-Type", "text/plain"]]);
        return [encode("Hello, Ada!")];
      };
      await new TestClient(greeting).get("/greet?name=Ada");
      const [trace] = tracer.list();
      if (trace === undefined) throw new Error("the tracer recorded nothing");
      return trace.toJSON();
    } finally {
      stopTracing();
    }
  }

  it("is offered on the exercise's page as a button behind the home's token", async () => {
    const page = await live.client.get("/exercises/01-greet");
    expect(page.text).toContain('<form method="post" action="/exercises/01-greet/trace">');
    expect(page.text).toContain("Show the trace of your app under the test");
  });

  it("runs the exercise's test once, traced, and draws each request it sent to the app", async () => {
    live.traces.set(greetTest, [await recordedTrace()]);
    const before = live.runs.length;
    const response = await live.client.post("/exercises/01-greet/trace", { form: { csrf: token } });
    live.traces.delete(greetTest);
    expect(response.statusCode).toBe(200);
    expect(live.runs.slice(before)).toEqual([[greetTest]]);
    expect(response.text).toContain("<title>Trace · 01-greet: your app under its test</title>");
    expect(response.text).toContain("/greet?name=Ada");
    expect(response.text).toContain("greeting");
    expect(response.text).toContain(String.raw`\u003csvg`); // the diagram, kept in the page's JSON
  });

  it("says plainly when the test sent no request through the gateway", async () => {
    const response = await live.client.post("/exercises/01-greet/trace", { form: { csrf: token } });
    expect(response.statusCode).toBe(200);
    expect(response.text).toContain("<h1>No trace recorded</h1>");
    expect(response.text).toContain("this test calls your code directly");
  });

  it("runs nothing without the home's token", async () => {
    const before = live.runs.length;
    const response = await live.client.post("/exercises/01-greet/trace", { form: {} });
    expect(response.statusCode).toBe(403);
    expect(live.runs.length).toBe(before);
  });
});
