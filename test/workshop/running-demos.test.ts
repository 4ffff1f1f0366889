import { execFile } from "node:child_process";
import { mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { TestClient } from "../../gateway/test-client.ts";
import { demoLink } from "../../workshop/demo-links.ts";
import { homeApp } from "../../workshop/home.ts";
import { runningDemos } from "../../workshop/running-demos.ts";

let dir: string;
let client: TestClient;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "running-demos-"));
  client = new TestClient(homeApp({ runningDemosDir: dir }));
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Leaves the note a demo leaves, for a process `pid`. */
async function note(pid: number, lesson: string, name: string, url: string, trace?: string) {
  await writeFile(join(dir, `${pid}.json`), JSON.stringify({ lesson, name, url, trace, pid }));
}

/** Runs `code` in a Node process with tsx, and resolves with its pid and output once it has ended. */
function runNode(code: string): Promise<{ pid: number; stdout: string }> {
  return new Promise((resolve, reject) => {
    const child = execFile(
      process.execPath,
      ["--import", "tsx", "--input-type=module", "-e", code],
      { cwd: join(import.meta.dirname, "../..") },
      (error, stdout) => (error ? reject(error) : resolve({ pid: child.pid ?? 0, stdout })),
    );
  });
}

describe("a demo link in a lesson", () => {
  it("goes through the home when it names a demo's default address, keeping path, query and fragment", () => {
    expect(demoLink("", "http://127.0.0.1:8003/?name=Ada#top")).toBe("/demos/03/?name=Ada#top");
    expect(demoLink("/w", "http://localhost:8012/app/hello%20world/x")).toBe(
      "/w/demos/12/app/hello%20world/x",
    );
    expect(demoLink("/w", "http://127.0.0.1:8000/progress")).toBe("/w/progress");
    expect(demoLink("", "https://peps.python.org/pep-3333/")).toBe(
      "https://peps.python.org/pep-3333/",
    );
    expect(demoLink("", "http://127.0.0.1:9000/")).toBe("http://127.0.0.1:9000/");
  });

  it("goes through the home when it names a demo's trace page, 100 ports further", () => {
    expect(demoLink("", "http://127.0.0.1:8103/trace")).toBe("/traces/03/trace");
    expect(demoLink("/w", "http://127.0.0.1:8112/trace")).toBe("/w/traces/12/trace");
  });
});

describe("/demos/NN/PATH", () => {
  it("sends the browser to the lesson's demo wherever it runs now, with the same path and query", async () => {
    await note(process.pid, "03", "countdown", "http://127.0.0.1:9123/");
    const response = await client.get("/demos/03/countdown?n=3");
    expect(response.status).toBe("302 Found");
    expect(response.header("Location")).toBe("http://127.0.0.1:9123/countdown?n=3");
  });

  it("says how to start each of the lesson's demos when none runs", async () => {
    const response = await client.get("/demos/03/");
    expect(response.status).toBe("200 OK");
    expect(response.text).toContain("No demo of lesson 03 is running yet.");
    expect(response.text).toContain("<code>npm run demo -- 3 countdown</code>");
    expect(response.text).toContain('<a href="http://127.0.0.1:8003/">');
  });

  it("asks which one when two of the lesson's demos run", async () => {
    await note(process.pid, "04", "", "http://127.0.0.1:9001/");
    await note(process.ppid, "04", "cgi", "http://127.0.0.1:9002/");
    const response = await client.get("/demos/04/x");
    expect(response.text).toContain("2 of them are running. Which one?");
    expect(response.text).toContain('<a href="http://127.0.0.1:9001/x">');
    expect(response.text).toContain('<a href="http://127.0.0.1:9002/x">');
  });

  it("sends a trace page's link to the trace page of the demo running with --trace", async () => {
    await note(process.pid, "03", "", "http://127.0.0.1:9003/");
    await note(
      process.ppid,
      "03",
      "countdown",
      "http://127.0.0.1:9004/",
      "http://127.0.0.1:9104/trace",
    );
    const response = await client.get("/traces/03/trace");
    expect(response.status).toBe("302 Found");
    expect(response.header("Location")).toBe("http://127.0.0.1:9104/trace");
  });

  it("says how to start a demo with --trace when none runs with it", async () => {
    await note(process.pid, "03", "", "http://127.0.0.1:9003/");
    const response = await client.get("/traces/03/trace");
    expect(response.status).toBe("200 OK");
    expect(response.text).toContain(
      "No demo of lesson 03 is running with <code>--trace</code> yet.",
    );
    expect(response.text).toContain("<code>npm run demo -- 3 --trace</code>");
    expect(response.text).toContain('<a href="http://127.0.0.1:8103/trace">');
  });

  it("is not found for a lesson that does not exist", async () => {
    expect((await client.get("/demos/99/")).status).toBe("404 Not Found");
  });
});

describe("the notes of running demos", () => {
  it("shows a running demo on its lesson's page, with where it listens", async () => {
    await note(process.pid, "03", "", "http://127.0.0.1:9123/");
    const { text } = await client.get("/lessons/03-gateway-app/");
    expect(text).toContain(
      '<span class="running">running at <a href="http://127.0.0.1:9123/">http://127.0.0.1:9123/</a>',
    );
  });

  it("is left by a demo while its process runs, and gone when it ends", async () => {
    const { pid, stdout } = await runNode(`
      import { demoListening, startingDemo, runningDemos } from "./workshop/running-demos.ts";
      startingDemo({ lesson: "03", name: "countdown" }, ${JSON.stringify(dir)});
      demoListening("http://127.0.0.1:9555/", "http://127.0.0.1:9655/trace");
      console.log(JSON.stringify(await runningDemos(${JSON.stringify(dir)})));
    `);
    expect(JSON.parse(stdout)).toEqual([
      {
        lesson: "03",
        name: "countdown",
        url: "http://127.0.0.1:9555/",
        trace: "http://127.0.0.1:9655/trace",
        pid,
      },
    ]);
    expect(await readdir(dir)).toEqual([]);
  });

  it("counts a note only while its process lives, and removes a stale one", async () => {
    const { pid } = await runNode("");
    await note(pid, "03", "", "http://127.0.0.1:9123/");
    expect(await runningDemos(dir)).toEqual([]);
    expect(await readdir(dir)).toEqual([]);
  });
});
