import { PassThrough, Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { collect, concat, decode, encode } from "../../gateway/bytes.ts";
import { runCGI } from "../../gateway/cgi.ts";
import type { App, Environ } from "../../gateway/types.ts";
import { validator } from "../../gateway/validator/index.ts";
import { waitingApp } from "../support/waiting-app.ts";
import { RecordedErrors } from "./http-helpers.ts";

/** A stdout that keeps what it is given; with `hold`, it takes nothing until `release()`. */
class FakeStdout extends Writable {
  readonly chunks: Uint8Array[] = [];
  readonly #waiting: Array<() => void> = [];

  constructor(readonly hold = false) {
    super({ highWaterMark: 4 });
  }

  override _write(chunk: Buffer, _encoding: string, done: () => void): void {
    this.chunks.push(chunk);
    if (this.hold) this.#waiting.push(done);
    else done();
  }

  release(): void {
    for (const done of this.#waiting.splice(0)) done();
  }

  get text(): string {
    return decode(this.chunks);
  }
}

const hello: App = (_environ, startResponse) => {
  startResponse("200 OK", [["Content-Type", "text/plain; charset=utf-8"]]);
  return [encode("Hello World!\n")];
};

const GET = { REQUEST_METHOD: "GET", SERVER_NAME: "example.org", SERVER_PORT: "80" };

describe("runCGI", () => {
  it("writes a Status line, the headers, a blank line and the body, with CRLF line ends", async () => {
    const stdout = new FakeStdout();
    await runCGI(hello, { env: GET, stdout, errors: new RecordedErrors() });
    expect(stdout.text).toBe(
      "Status: 200 OK\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: 13\r\n\r\nHello World!\n",
    );
  });

  it("builds a valid environ from the meta-variables and leaves the process's own variables out", async () => {
    let seen: Environ | undefined;
    const app: App = (environ, startResponse) => {
      seen = { ...environ };
      return hello(environ, startResponse);
    };
    const env = {
      ...GET,
      SCRIPT_NAME: "/cgi-bin/app.ts",
      PATH_INFO: "/a b",
      QUERY_STRING: "x=1",
      HTTPS: "on",
      HTTP_HOST: "example.org",
      CONTENT_TYPE: "",
      PATH: "/usr/bin",
    };
    await runCGI(validator(app), { env, stdout: new FakeStdout(), errors: new RecordedErrors() });
    expect(seen).toMatchObject({
      SCRIPT_NAME: "/cgi-bin/app.ts",
      PATH_INFO: "/a b",
      REQUEST_URI: "/cgi-bin/app.ts/a%20b?x=1",
      HTTP_HOST: "example.org",
      "gateway.url_scheme": "https",
      "gateway.run_once": true,
      "gateway.multiprocess": true,
      "gateway.multithread": false,
    });
    expect(seen).not.toHaveProperty("PATH");
    expect(seen).not.toHaveProperty("CONTENT_TYPE");
  });

  it("leaves out HTTP_CONTENT_TYPE and HTTP_CONTENT_LENGTH, which some servers pass too", async () => {
    let seen: Environ | undefined;
    const app: App = (environ, startResponse) => {
      seen = { ...environ };
      return hello(environ, startResponse);
    };
    const env = {
      ...GET,
      REQUEST_METHOD: "POST",
      CONTENT_TYPE: "text/plain",
      CONTENT_LENGTH: "0",
      HTTP_CONTENT_TYPE: "text/plain",
      HTTP_CONTENT_LENGTH: "0",
    };
    const stdout = new FakeStdout();
    await runCGI(validator(app), { env, stdout, errors: new RecordedErrors() });
    expect(stdout.text).toMatch(/^Status: 200 OK/);
    expect(seen).toMatchObject({ CONTENT_TYPE: "text/plain", CONTENT_LENGTH: "0" });
    expect(seen).not.toHaveProperty("HTTP_CONTENT_TYPE");
    expect(seen).not.toHaveProperty("HTTP_CONTENT_LENGTH");
  });

  it("keeps the REQUEST_URI the server passed, and fills in what a program started by hand lacks", async () => {
    const environs: Environ[] = [];
    const app: App = (environ, startResponse) => {
      environs.push(environ);
      return hello(environ, startResponse);
    };
    const fromApache = { ...GET, REQUEST_URI: "/cgi-bin/app.ts/a%2Fb" };
    await runCGI(app, { env: fromApache, stdout: new FakeStdout(), errors: new RecordedErrors() });
    await runCGI(app, { env: {}, stdout: new FakeStdout(), errors: new RecordedErrors() });
    expect(environs[0]?.REQUEST_URI).toBe("/cgi-bin/app.ts/a%2Fb");
    expect(environs[1]).toMatchObject({
      REQUEST_METHOD: "GET",
      REQUEST_URI: "/",
      SERVER_NAME: "localhost",
      "gateway.url_scheme": "http",
    });
  });

  it("reads exactly CONTENT_LENGTH bytes of stdin, though the server never closes it", async () => {
    const stdin = new PassThrough();
    stdin.write("hello");
    stdin.write(" world, and bytes that are not part of the body");
    const echo: App = async (environ, startResponse) => {
      const body = await collect(environ["gateway.input"]);
      startResponse("200 OK", [["Content-Type", "text/plain"]]);
      return [body];
    };
    const stdout = new FakeStdout();
    const env = { ...GET, REQUEST_METHOD: "POST", CONTENT_LENGTH: "11" };
    await runCGI(echo, { env, stdin, stdout, errors: new RecordedErrors() });
    expect(stdout.text).toMatch(/\r\n\r\nhello world$/);
    expect(stdin.destroyed).toBe(true);
  });

  it("gives an empty body without touching stdin when there is no CONTENT_LENGTH", async () => {
    const stdin = new PassThrough();
    const echo: App = async (environ, startResponse) => {
      const body = await collect(environ["gateway.input"]);
      startResponse("200 OK", [["Content-Type", "text/plain"]]);
      return [body];
    };
    const stdout = new FakeStdout();
    await runCGI(echo, { env: GET, stdin, stdout, errors: new RecordedErrors() });
    expect(stdout.text).toContain("Content-Length: 0\r\n\r\n");
    expect(stdin.destroyed).toBe(false);
  });

  it("answers 400 when CONTENT_LENGTH is not a number", async () => {
    const stdout = new FakeStdout();
    const errors = new RecordedErrors();
    await runCGI(hello, { env: { ...GET, CONTENT_LENGTH: "ten" }, stdout, errors });
    expect(stdout.text).toMatch(/^Status: 400 Bad Request\r\n/);
    expect(errors.text).toContain('CONTENT_LENGTH "ten"');
  });

  it("answers a 500 page and writes the error to stderr when the app fails before its headers", async () => {
    const failing: App = () => {
      throw new Error("the database is down");
    };
    const stdout = new FakeStdout();
    const errors = new RecordedErrors();
    await runCGI(failing, { env: GET, stdout, errors });
    expect(stdout.text).toMatch(/^Status: 500 Internal Server Error\r\n/);
    expect(stdout.text).not.toContain("database");
    expect(errors.text).toContain("the database is down");
  });

  it("stops the output when the app fails after its headers went out", async () => {
    const failing: App = async function* (_environ, startResponse) {
      startResponse("200 OK", [["Content-Type", "text/plain"]]);
      yield encode("the first half");
      throw new Error("lost the second half");
    };
    const stdout = new FakeStdout();
    const errors = new RecordedErrors();
    await runCGI(failing, { env: GET, stdout, errors });
    expect(stdout.text).toMatch(/\r\n\r\nthe first half$/);
    expect(stdout.destroyed).toBe(true);
    expect(errors.text).toContain("lost the second half");
  });

  it("sends the headers of a HEAD answer without its body", async () => {
    const stdout = new FakeStdout();
    await runCGI(hello, {
      env: { ...GET, REQUEST_METHOD: "HEAD" },
      stdout,
      errors: new RecordedErrors(),
    });
    expect(stdout.text).toMatch(/^Status: 200 OK\r\n.*Content-Length: 13\r\n\r\n$/s);
  });

  it("aborts gateway.signal when the server stops reading stdout while the app waits", async () => {
    const { app, waiting, aborted } = waitingApp();
    const stdout = new FakeStdout();
    const done = runCGI(app, { env: GET, stdout, errors: new RecordedErrors() });
    await waiting.promise;
    stdout.destroy();
    expect(String(await aborted)).toContain("the web server stopped reading the answer");
    await done;
  });

  it("waits for stdout to drain before it asks the app for the next chunk", async () => {
    let pulled = 0;
    const counting: App = function* (_environ, startResponse) {
      startResponse("200 OK", [["Content-Type", "text/plain"]]);
      for (let i = 0; i < 5; i++) {
        pulled++;
        yield encode(`chunk ${i};`);
      }
    };
    const stdout = new FakeStdout(true);
    const done = runCGI(counting, { env: GET, stdout, errors: new RecordedErrors() });
    let finished = false;
    void done.then(() => {
      finished = true;
    });
    await new Promise(setImmediate);
    expect(pulled).toBe(1);
    while (!finished) {
      stdout.release();
      await new Promise(setImmediate);
    }
    expect(decode(concat(stdout.chunks))).toMatch(/chunk 0;chunk 1;chunk 2;chunk 3;chunk 4;$/);
  });
});
