import http from "node:http";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cgiHost } from "../../gateway/cgi-host.ts";
import { type RunningServer, serve } from "../../gateway/http-server.ts";
import { TestClient } from "../../gateway/test-client.ts";
import { RecordedErrors } from "./http-helpers.ts";

const folder = fileURLToPath(new URL("../fixtures/cgi", import.meta.url));
// The tests' own timeout ends a hang: the host's default (30 s for a program to answer) could
// pass on a busy machine starting many programs at once.
const PATIENT = { timeout: 300_000 };
const client = new TestClient(cgiHost(folder, PATIENT));

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Waits until `condition` holds, however busy the machine: only the test's timeout ends it. */
async function eventually(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 5));
}

// Each request starts a process: the tests run side by side, each with its own requests.
describe.concurrent("cgiHost through the test client", () => {
  it("passes the meta-variables and the request body to the program, in its own folder", async () => {
    const response = await client.post("/environ.mjs/some/path?a=1", {
      form: { name: "Ada" },
      headers: { Authorization: "Basic c2VjcmV0", "X-Trace": "42" },
      environ: { SCRIPT_NAME: "/cgi" },
    });
    expect(response.statusCode).toBe(200);
    const { env, cwd, stdin } = response.json() as {
      env: Record<string, string>;
      cwd: string;
      stdin: string;
    };
    expect(env).toMatchObject({
      GATEWAY_INTERFACE: "CGI/1.1",
      REQUEST_METHOD: "POST",
      SCRIPT_NAME: "/cgi/environ.mjs",
      PATH_INFO: "/some/path",
      QUERY_STRING: "a=1",
      CONTENT_TYPE: "application/x-www-form-urlencoded",
      CONTENT_LENGTH: "8",
      HTTP_X_TRACE: "42",
      PATH: process.env.PATH,
    });
    expect(env.HTTP_AUTHORIZATION).toBeUndefined();
    expect(stdin).toBe("name=Ada");
    expect(cwd).toBe(folder);
  });

  it("answers a local redirect with the other program, asked with GET", async () => {
    const response = await client.post("/redirect.mjs?local", { body: "dropped" });
    expect(response.statusCode).toBe(200);
    const [method, scriptName, pathInfo, query, length, cwd] = response.text.split("\n");
    expect([method, scriptName, pathInfo, query, length]).toEqual([
      "GET",
      "/nested/where.mjs",
      "/moved",
      "from=redirect",
      "",
    ]);
    expect(cwd).toBe(join(folder, "nested"));
  });

  it("answers 502 for a local redirect outside the path the host is mounted on", async () => {
    const response = await client.get("/redirect.mjs?local", { environ: { SCRIPT_NAME: "/cgi" } });
    expect(response.status).toBe("502 Bad Gateway");
    expect(response.errors).toContain("outside this host's /cgi");
  });

  it("answers a local redirect to its mount point itself as it answers a request for it", async () => {
    // redirect.mjs sends "/nested/where.mjs/moved?...": here that is the mount, with PATH_INFO "".
    const environ = { SCRIPT_NAME: "/nested/where.mjs/moved" };
    const response = await client.get("/redirect.mjs?local", { environ });
    expect(response.status).toBe("404 Not Found");
    expect(response.errors).toContain('answers to ""');
  });

  it("answers 302 Found for a client redirect", async () => {
    const response = await client.get("/redirect.mjs?client");
    expect(response.status).toBe("302 Found");
    expect(response.header("Location")).toBe("https://example.com/elsewhere");
  });

  it("answers 502, with the program's stderr in the log, when the program fails before its headers", async () => {
    const response = await client.get("/broken.mjs?crash");
    expect(response.status).toBe("502 Bad Gateway");
    expect(response.text).not.toContain("wrong");
    expect(response.errors).toContain("broken.mjs: something went wrong");
    expect(response.errors).toMatch(/\/broken\.mjs exited with code 1 before the blank line/);
  });

  it("answers 502 when the program writes malformed headers", async () => {
    const response = await client.get("/broken.mjs?garbage");
    expect(response.status).toBe("502 Bad Gateway");
    expect(response.errors).toContain("header line without a name");
  });

  it("cuts the response short when the program fails after its headers", async () => {
    const response = await client.get("/broken.mjs?cut");
    expect(response.aborted).toBe(true);
    expect(response.text).toBe("the first half");
    expect(response.errors).toMatch(/exited with code 1 after its headers/);
  });

  it("kills a program that runs out of time and answers 504", async () => {
    const impatient = new TestClient(cgiHost(folder, { timeout: 300 }));
    const response = await impatient.get("/broken.mjs?hang");
    expect(response.status).toBe("504 Gateway Timeout");
    expect(response.errors).toContain("time limit");
  });

  it("answers 404 for a path that names no program", async () => {
    for (const path of ["/missing.mjs", "/", "/nested", "/nested/"]) {
      const response = await client.get(path);
      expect(response.statusCode, path).toBe(404);
    }
  });

  it("never runs anything outside its folder, however the path is spelled", async () => {
    const outside = [
      "/../fixture-repo.ts",
      "/%2e%2e/fixture-repo.ts",
      "/nested/..%2f..%2ffixture-repo.ts",
    ];
    const windows = [
      "/..%5cfixture-repo.ts",
      "/nested%5c..%5c..%5cfixture-repo.ts",
      "/echo.mjs%00",
    ];
    for (const path of [...outside, ...windows]) {
      const response = await client.get(path);
      expect(response.statusCode, path).toBe(404);
      expect(response.errors, path).toContain("no CGI program");
    }
  });

  it("answers 403 for a file that is not a program", async () => {
    const response = await client.get("/notes.txt");
    expect(response.status).toBe("403 Forbidden");
    expect(response.errors).toContain("not a CGI program");
  });
});

// One server for the file: every test only sends its own requests to it.
describe.concurrent("cgiHost through a real socket", () => {
  let server: RunningServer;
  const errors = new RecordedErrors();

  beforeAll(async () => {
    server = await serve(cgiHost(folder, { ...PATIENT, maxUnsizedBody: 100 }), { port: 0, errors });
  });

  afterAll(() => server?.close());

  it("runs a TypeScript program that uses runCGI", async () => {
    const response = await fetch(`${server.url}hello.ts/world?x=1`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/plain; charset=utf-8");
    expect(await response.text()).toBe("Hello from /hello.ts/world?x=1, run once: true\n");
  });

  it("streams a request body of known length to the program and its answer back, piece by piece", async () => {
    const request = http.request(`${server.url}echo.mjs`, {
      method: "POST",
      headers: { "Content-Length": "9" },
    });
    request.write("ping;");
    const [response] = (await once(request, "response")) as [http.IncomingMessage];
    const pieces = response.setEncoding("utf8")[Symbol.asyncIterator]();
    expect((await pieces.next()).value).toBe("ping;");
    request.end("pong");
    let rest = "";
    for await (const piece of pieces) rest += piece;
    expect(rest).toBe("pong");
  });

  it("reads a chunked body whole first, and gives the program its CONTENT_LENGTH", async () => {
    const request = http.request(`${server.url}environ.mjs`, { method: "POST" });
    request.write("name=");
    request.end("Ada"); // no Content-Length: Node sends it chunked
    const [response] = (await once(request, "response")) as [http.IncomingMessage];
    let text = "";
    for await (const piece of response.setEncoding("utf8")) text += piece;
    const { env, stdin } = JSON.parse(text) as { env: Record<string, string>; stdin: string };
    expect(env.HTTP_TRANSFER_ENCODING).toBe("chunked");
    expect(env.CONTENT_LENGTH).toBe("8");
    expect(stdin).toBe("name=Ada");
  });

  it("answers 413 to a chunked body over its limit, and starts no program", async () => {
    const request = http.request(`${server.url}environ.mjs`, { method: "POST" });
    request.write("x".repeat(101)); // written before end(): sent chunked
    request.end();
    const [response] = (await once(request, "response")) as [http.IncomingMessage];
    response.resume();
    expect(response.statusCode).toBe(413);
    await errors.waitFor("a request body sent without a Content-Length is over the 100 bytes");
  });

  it("stops a program that has not answered yet when the client leaves, and its gateway.signal aborts", async () => {
    const request = http.get(`${server.url}wait.ts`);
    request.on("error", () => {});
    await errors.waitFor("waiting in ");
    const pid = Number(/waiting in (\d+)/.exec(errors.text)?.[1]);
    request.destroy();
    await errors.waitFor("aborted: the web server asked the program to stop (SIGTERM)");
    await eventually(() => !isRunning(pid));
  });

  it("stops the program when the client goes away in the middle of the body", async () => {
    const request = http.get(`${server.url}stream.mjs`);
    const [response] = (await once(request, "response")) as [http.IncomingMessage];
    const first = String((await response[Symbol.asyncIterator]().next()).value);
    const pid = Number(first.split("\n")[0]);
    expect(isRunning(pid)).toBe(true);
    request.destroy();
    try {
      await eventually(() => !isRunning(pid));
    } finally {
      if (isRunning(pid)) process.kill(pid);
    }
  });
});

function once(emitter: http.ClientRequest, event: string): Promise<unknown[]> {
  return new Promise((resolve, reject) => {
    emitter.once(event, (...args: unknown[]) => resolve(args));
    emitter.once("error", reject);
  });
}
