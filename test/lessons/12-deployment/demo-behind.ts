/**
 * The tests both web-server demos must pass (`npm run demo -- 12` with
 * nginx, `npm run demo -- 12 apache`): each run starts the demo as a child
 * process on free ports, reads the URL it printed, and stops it.
 */
import { existsSync } from "node:fs";
import { expect, it } from "vitest";
import type { TraceExport } from "../../../gateway/trace/events.ts";
import { freePort, occupiedPort } from "../../support/free-port.ts";
import { runDemoToEnd, startDemo } from "./demo-process.ts";
import { shownEnviron } from "./deployment.ts";

/** The run folder the demo printed: "... are in /tmp/lesson-12-nginx-XXXX". */
function runDir(output: string): string {
  return /are in (\S+)/.exec(output)?.[1] ?? "";
}

/**
 * The demo's web server alone (`--web-only`), on free ports: nothing
 * listens on its FastCGI port until the test starts a server there.
 */
export async function startWebOnly(args: string[]) {
  const [port, fastcgiPort] = [await freePort(), await freePort()];
  const demo = await startDemo([
    ...args,
    "--web-only",
    "--port",
    String(port),
    "--fastcgi-port",
    String(fastcgiPort),
  ]);
  return { demo, fastcgiPort };
}

/** `args` names the demo ([] for nginx, ["apache"]); `software` matches its SERVER_SOFTWARE. */
export function itRunsTheDemo(args: string[], software: RegExp): void {
  it("prints the URL under /app/, where the app gets the prefix in SCRIPT_NAME and links under it", async () => {
    const port = await freePort();
    const demo = await startDemo([...args, "--port", String(port), "--fastcgi-port", "0"]);
    try {
      expect(demo.url).toBe(`http://127.0.0.1:${port}/app/`);
      expect(demo.output()).toMatch(
        /mountedAt\("\/app"\)\(app\) serves FastCGI on 127\.0\.0\.1:\d+/,
      );
      expect(existsSync(runDir(demo.output())), "the run folder exists while it runs").toBe(true);
      const page = await (await fetch(`${demo.url}hello%20world/x?y=1`)).text();
      expect(shownEnviron(page)).toMatchObject({
        SCRIPT_NAME: "/app",
        PATH_INFO: "/hello world/x",
        QUERY_STRING: "y=1",
        SERVER_SOFTWARE: expect.stringMatching(software),
      });
      expect(page).toContain('href="/app/next"');
    } finally {
      expect(await demo.stop(), "Ctrl-C ends it cleanly").toBe(0);
    }
    expect(existsSync(runDir(demo.output())), "stopping removes the run folder").toBe(false);
  });

  it("serves the app without mountedAt when asked for --raw", async () => {
    const port = await freePort();
    const demo = await startDemo([...args, "--raw", "--port", String(port), "--fastcgi-port", "0"]);
    try {
      expect(demo.output()).toContain("the raw app (no mountedAt)");
      const environ = shownEnviron(await (await fetch(`${demo.url}x?y=1`)).text());
      expect(environ.REQUEST_URI).toBe("/app/x?y=1");
    } finally {
      expect(await demo.stop()).toBe(0);
    }
  });

  it("draws each request with --trace, as the web server handed it to the FastCGI server", async () => {
    const port = await freePort();
    const demo = await startDemo([
      ...args,
      "--trace",
      "--trace-port",
      "0",
      "--port",
      String(port),
      "--fastcgi-port",
      "0",
    ]);
    try {
      const page = /Trace: open (\S+)/.exec(demo.output())?.[1] ?? "";
      await (await fetch(`${demo.url}hello`)).text();
      const { traces } = (await (await fetch(`${page}?format=json`)).json()) as TraceExport;
      const [trace] = traces;
      expect(trace?.lanes.map((lane) => lane.name)).toEqual(["server", "mounted"]);
      expect(trace?.uri).toBe("/app/hello");
      expect(trace?.events.map((event) => event.kind)).toContain("head");
    } finally {
      expect(await demo.stop()).toBe(0);
    }
  });

  it("refuses --trace with --web-only, whose FastCGI server is not the demo's, and says what to run", async () => {
    const run = await runDemoToEnd([
      ...args,
      "--web-only",
      "--trace",
      "--port",
      "0",
      "--fastcgi-port",
      "0",
    ]);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(
      "Lesson 12 demo: --trace draws the requests of the demo's own FastCGI server: leave out " +
        "--web-only, or trace the server you start with " +
        "npx gateway fastcgi lessons/12-deployment/app.ts:mounted --trace\n",
    );
  });

  it("starts the web server alone with --web-only, which answers 502 or 503 while no FastCGI server listens", async () => {
    const { demo, fastcgiPort } = await startWebOnly(args);
    try {
      expect(demo.output()).toContain(
        `npx gateway fastcgi lessons/12-deployment/app.ts:mounted --port ${fastcgiPort}`,
      );
      expect([502, 503]).toContain((await fetch(demo.url)).status);
    } finally {
      expect(await demo.stop()).toBe(0);
    }
  });

  it("names the busy FastCGI port and suggests another, not the one just passed, and exits with 1", async () => {
    const inTheWay = await occupiedPort();
    try {
      const { port } = inTheWay.address() as { port: number };
      const web = await freePort();
      const run = await runDemoToEnd([
        ...args,
        "--port",
        String(web),
        "--fastcgi-port",
        String(port),
      ]);
      expect(run.code).toBe(1);
      expect(run.stderr).toContain(`the FastCGI port ${port} is in use`);
      const suggested = /such as --fastcgi-port (\d+)/.exec(run.stderr)?.[1];
      expect(Number(suggested)).toBeGreaterThan(port);
    } finally {
      inTheWay.close();
    }
  });

  it("names the busy web port and suggests another, not the one just passed, and exits with 1", async () => {
    const inTheWay = await occupiedPort();
    try {
      const { port } = inTheWay.address() as { port: number };
      const run = await runDemoToEnd([...args, "--port", String(port), "--fastcgi-port", "0"]);
      expect(run.code).toBe(1);
      expect(run.stderr).toContain(
        `port ${port} is in use: stop the other server, or pass another`,
      );
      const suggested = /such as --port (\d+)/.exec(run.stderr)?.[1];
      expect(Number(suggested)).toBeGreaterThan(port);
    } finally {
      inTheWay.close();
    }
  });
}

/** `variable` names a file that is not there: `args` names the demo, as for `itRunsTheDemo`. */
export function itNamesAMissingFile(args: string[], variable: string): void {
  it(`says in one line that ${variable} names no file, and exits with 1`, async () => {
    const run = await runDemoToEnd(args, { [variable]: "/no/such/program" });
    expect(run.code).toBe(1);
    const line = `Lesson 12 demo: ${variable}=/no/such/program names no file: set it to `;
    expect(run.stderr.startsWith(line), run.stderr).toBe(true);
    expect(run.stderr.split("\n"), "one line, no stack trace").toHaveLength(2);
  });
}
