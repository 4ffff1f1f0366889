/**
 * Lesson 12's app deployed for a test: served over FastCGI on a free port,
 * behind a private Apache or nginx started in front of it, and the tests
 * that every web server in front must pass, over real HTTP.
 */
import { existsSync } from "node:fs";
import { readFile, rm } from "node:fs/promises";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, beforeAll, expect, it } from "vitest";
import { serveFastCGI } from "../../../gateway/fastcgi/server.ts";
import type { App, ErrorStream } from "../../../gateway/types.ts";
import { validator } from "../../../gateway/validator/index.ts";
import type { PrivateServer } from "../../../lessons/02-cgi-hello-world/apache/private-server.ts";
import type { ProxyOptions } from "../../../lessons/12-deployment/apache/private-apache.ts";
import { app, mounted } from "../../../lessons/12-deployment/app.ts";
import { freePort } from "../../support/free-port.ts";

/** Starts a web server in front of the FastCGI server: Apache's or nginx's `startFastCGIProxy`. */
export type StartProxy = (options: ProxyOptions) => Promise<PrivateServer>;

/** The app behind a web server, and how to take both down. */
export interface Deployment {
  /** The app's own address: `http://127.0.0.1:PORT/app/`. */
  url: string;
  /** The web server's run folder, where its logs are. */
  runDir: string;
  /** Stops the web server, then the FastCGI server. */
  stop(): Promise<void>;
}

/** Where the web server mounts the app: the prefix lesson 12's `mounted` expects. */
export const MOUNT = "/app";

/** The FastCGI server's own log lines (a client that left, say): kept out of the test output. */
const quiet: ErrorStream = { write() {}, flush() {} };

/** Serves `app` over FastCGI on a free port, and starts the web server in front of it. */
export async function deploy(app: App, start: StartProxy): Promise<Deployment> {
  const fastcgi = await serveFastCGI(app, { port: 0, errors: quiet });
  try {
    const proxy = await start({ port: await freePort(), fastcgi: fastcgi.address, mount: MOUNT });
    const stop = async () => {
      await proxy.stop();
      await fastcgi.close();
    };
    return { url: `${proxy.url}${MOUNT.slice(1)}/`, runDir: proxy.runDir, stop };
  } catch (error) {
    await fastcgi.close();
    throw error;
  }
}

/**
 * The environ keys the app's page shows, by name: its `<pre>` holds lines
 * like `SCRIPT_NAME = "/app"`, with quotes escaped for HTML.
 */
export function shownEnviron(page: string): Record<string, string> {
  const pre = /<pre>([\s\S]*?)<\/pre>/.exec(page)?.[1] ?? "";
  const lines = pre.replaceAll("&quot;", '"').replaceAll("&amp;", "&").split("\n");
  return Object.fromEntries(
    lines.map((line) => {
      const [key = "", value = ""] = line.split(" = ");
      return [key, JSON.parse(value) as string];
    }),
  );
}

/**
 * Reads the web server's error log until it holds `text` (the server writes
 * it a moment after answering; on a busy machine, many moments): only the
 * test's timeout ends the wait.
 */
export async function errorLogWith(runDir: string, text: string): Promise<string> {
  let log = await readFile(path.join(runDir, "error.log"), "utf8");
  while (!log.includes(text)) {
    await sleep(20);
    log = await readFile(path.join(runDir, "error.log"), "utf8");
  }
  return log;
}

/** The config file and line a server's message names: nginx's "in FILE:LINE", Apache's "on line LINE of FILE:". */
function configLine(message: string): { file: string; line: number } {
  const nginx = /in (\S+):(\d+)$/m.exec(message);
  if (nginx) return { file: nginx[1] ?? "", line: Number(nginx[2]) };
  const apache = /on line (\d+) of (\S+):$/m.exec(message);
  return { file: apache?.[2] ?? "", line: Number(apache?.[1]) };
}

/**
 * The test of a web server that refuses its config: the message names the
 * run folder it kept, and the config line it quotes ("in FILE:LINE",
 * "on line LINE of FILE") is there to open. A mount with a space and a
 * quote breaks both servers' config.
 */
export function itKeepsTheConfigWhenTheServerDoesNotStart(start: () => StartProxy): void {
  it("keeps the run folder when the server refuses its config, and the message points at the line", async () => {
    const failed = await start()({
      port: await freePort(),
      fastcgi: "127.0.0.1:9",
      mount: '/a b"c',
    })
      .then(async (running) => {
        await running.stop();
        throw new Error("the server started with a broken config");
      })
      .catch((error: Error) => error.message);
    const runDir = /kept in (\S+) /.exec(failed)?.[1] ?? "";
    try {
      expect(failed).toMatch(
        / did not start: it exited with code \d+\. Its config and logs are kept in /,
      );
      const { file, line } = configLine(failed);
      expect(path.dirname(file)).toBe(runDir);
      const lines = (await readFile(file, "utf8")).split("\n");
      expect(lines[line - 1]).toContain('/a b"c');
    } finally {
      await rm(runDir, { recursive: true, force: true });
    }
  });
}

/**
 * The tests every web server in front must pass, with lesson 12's app
 * wrapped in `mountedAt("/app")`: one deployment for all of them. The
 * validator sits between the FastCGI server and the app, so an environ
 * that breaks PEP 3333 (whatever the web server sent) answers 500, and
 * the rule it broke is in the error log.
 */
export function itServesTheMountedApp(start: () => StartProxy, software: RegExp): void {
  let deployment: Deployment;
  const url = (path: string) => `${deployment.url}${path}`;
  /** The web server's error log, to say why a request failed (a broken rule, from the validator). */
  const serverLog = () => readFile(path.join(deployment.runDir, "error.log"), "utf8");

  beforeAll(async () => {
    deployment = await deploy(validator(mounted), start());
  });

  afterAll(async () => {
    await deployment?.stop();
    if (deployment)
      expect(existsSync(deployment.runDir), "stop() removes the run folder").toBe(false);
  });

  it("gives the app the prefix in SCRIPT_NAME, the rest in PATH_INFO and the raw query", async () => {
    const response = await fetch(url("hello%20world/x?y=1"));
    const page = await response.text();
    expect(response.status).toBe(200);
    expect(shownEnviron(page)).toEqual({
      REQUEST_METHOD: "GET",
      REQUEST_URI: "/app/hello%20world/x?y=1",
      SCRIPT_NAME: "/app",
      PATH_INFO: "/hello world/x",
      QUERY_STRING: "y=1",
      SERVER_SOFTWARE: expect.stringMatching(software),
    });
    expect(page, "a link built from SCRIPT_NAME stays under /app").toContain('href="/app/next"');
  });

  it("answers at the mount point itself with PATH_INFO /", async () => {
    const environ = shownEnviron(await (await fetch(url("?x=1"))).text());
    expect([environ.SCRIPT_NAME, environ.PATH_INFO, environ.QUERY_STRING]).toEqual([
      "/app",
      "/",
      "x=1",
    ]);
  });

  it("sends the prefix without its slash to the mount point", async () => {
    const response = await fetch(url("").slice(0, -1), { redirect: "manual" });
    expect(response.status).toBe(301);
    expect(response.headers.get("Location")).toMatch(/\/app\/$/);
  });

  it("decodes a percent-encoded path into PATH_INFO, as UTF-8", async () => {
    const environ = shownEnviron(await (await fetch(url("caf%C3%A9/a%2Bb"))).text());
    expect(environ.PATH_INFO).toBe("/café/a+b");
    expect(environ.REQUEST_URI).toBe("/app/caf%C3%A9/a%2Bb");
  });

  it("passes a POST body to the app", async () => {
    const response = await fetch(url("echo"), { method: "POST", body: "name=Ada&lang=en" });
    expect(response.status, await serverLog()).toBe(200);
    expect(await response.text()).toContain("You posted: <code>name=Ada&amp;lang=en</code>");
  });

  it("passes a POST body larger than the web server keeps in memory", async () => {
    // Over 65,535 bytes, so more than one STDIN record; under the 100,000 the app's readBody takes.
    const body = "x".repeat(90_000);
    const response = await fetch(url("echo"), { method: "POST", body });
    expect(response.status, await serverLog()).toBe(200);
    expect(await response.text()).toContain(`<code>${body}</code>`);
  });

  it("answers a POST body over the app's 100,000 bytes with the app's 413, which says why", async () => {
    const response = await fetch(url("echo"), { method: "POST", body: "x".repeat(150_000) });
    expect(response.status, await serverLog()).toBe(413);
    expect(await response.text()).toContain("larger than the 100000 bytes this address accepts");
  });

  it("streams a megabyte made by a generator, whole and in order", async () => {
    const response = await fetch(url("big"));
    const body = Buffer.from(await response.arrayBuffer());
    expect(response.status).toBe(200);
    expect(body.byteLength).toBe(1_048_576);
    for (let i = 0; i < 16; i += 1) {
      const chunk = body.subarray(i * 65_536, (i + 1) * 65_536);
      expect(
        chunk.every((byte) => byte === 97 + i),
        `chunk ${i} is all one letter`,
      ).toBe(true);
    }
  });

  it("passes on a header the app sets", async () => {
    const response = await fetch(url(""));
    expect(response.headers.get("X-Deployed-App")).toBe("lesson 12");
    expect(response.headers.get("Content-Type")).toBe("text/html; charset=utf-8");
  });

  it("answers HEAD with the headers and no body", async () => {
    const response = await fetch(url(""), { method: "HEAD" });
    expect(response.status).toBe(200);
    expect(response.headers.get("X-Deployed-App")).toBe("lesson 12");
    expect(await response.text()).toBe("");
  });

  it("answers the gateway's 500 page when the app fails, and logs the error in the web server's error log", async () => {
    const response = await fetch(url("fail"));
    expect(response.status).toBe(500);
    expect(await response.text()).toContain("<title>500 Internal Server Error</title>");
    const log = await errorLogWith(deployment.runDir, "lesson 12 fails here on purpose");
    expect(log).toContain("Error while serving GET /app/fail");
    expect(log).toContain("lesson 12 fails here on purpose");
  });
}

/**
 * The app without mountedAt, asked for /app/hello%20world/x?y=1: the web
 * server's own split of the path, and the link the app builds from it.
 */
export function itShowsTheServersOwnSplit(
  start: () => StartProxy,
  name: string,
  split: { SCRIPT_NAME: string; PATH_INFO: string },
  link: string,
): void {
  it(name, async () => {
    const deployment = await deploy(app, start());
    try {
      const page = await (await fetch(`${deployment.url}hello%20world/x?y=1`)).text();
      expect(shownEnviron(page)).toMatchObject({
        REQUEST_URI: "/app/hello%20world/x?y=1",
        ...split,
        QUERY_STRING: "y=1",
      });
      expect(page).toContain(`href="${link}"`);
    } finally {
      await deployment.stop();
    }
  });
}
