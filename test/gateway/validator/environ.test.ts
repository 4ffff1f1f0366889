import { describe, expect, it } from "vitest";
import { encode } from "../../../gateway/bytes.ts";
import type { App } from "../../../gateway/types.ts";
import { validator } from "../../../gateway/validator/index.ts";
import { brokenRule, exchange, serve, TEXT } from "./harness.ts";

/** An app that does everything right, so only the server's side can break a rule. */
const hello: App = (_environ, startResponse) => {
  startResponse("200 OK", [TEXT]);
  return [encode("Hello")];
};

describe("the validator checks how the server calls the app", () => {
  it("refuses a call with one argument", async () => {
    const { environ } = exchange();
    const call = validator(hello) as (...args: unknown[]) => unknown;
    expect(await brokenRule(() => call(environ))).toBe("app-arguments");
  });

  it("refuses a call with a third argument", async () => {
    const { environ, startResponse } = exchange();
    const call = validator(hello) as (...args: unknown[]) => unknown;
    expect(await brokenRule(() => call(environ, startResponse, {}))).toBe("app-arguments");
  });

  it("refuses a startResponse that is not a function", async () => {
    const { environ } = exchange();
    const call = validator(hello) as (...args: unknown[]) => unknown;
    expect(await brokenRule(() => call(environ, "200 OK"))).toBe("app-arguments");
  });

  it("refuses, when wrapping, something that is not an app", () => {
    expect(() => validator(hello(exchange().environ, exchange().startResponse) as never)).toThrow(
      /did you call the app instead of passing it/,
    );
  });
});

describe("the validator checks the environ the server passes in", () => {
  it("refuses an environ that is a Map, not a plain object", async () => {
    const { startResponse } = exchange();
    const environ = new Map(Object.entries(exchange().environ));
    expect(await brokenRule(() => validator(hello)(environ as never, startResponse))).toBe(
      "environ-object",
    );
  });

  it.each([
    "REQUEST_METHOD",
    "SCRIPT_NAME",
    "PATH_INFO",
    "REQUEST_URI",
    "QUERY_STRING",
    "SERVER_NAME",
    "SERVER_PORT",
    "SERVER_PROTOCOL",
    "gateway.version",
    "gateway.url_scheme",
    "gateway.input",
    "gateway.errors",
    "gateway.multithread",
    "gateway.multiprocess",
    "gateway.run_once",
    "gateway.signal",
  ])("refuses an environ without %s", async (key) => {
    expect(await brokenRule(() => serve(hello, { [key]: undefined }))).toBe("environ-key-missing");
  });

  it("refuses an environ whose key was deleted, not only set to undefined", async () => {
    const { environ, startResponse } = exchange();
    delete (environ as Partial<typeof environ>).SERVER_NAME;
    expect(await brokenRule(() => validator(hello)(environ, startResponse))).toBe(
      "environ-key-missing",
    );
  });

  it.each(["REQUEST_METHOD", "SERVER_NAME", "SERVER_PORT"])("refuses an empty %s", async (key) => {
    expect(await brokenRule(() => serve(hello, { [key]: "" }))).toBe("environ-key-empty");
  });

  it.each([
    ["SERVER_PORT", 8000],
    ["HTTP_ACCEPT", ["text/html"]],
    ["REMOTE_ADDR", null],
  ])("refuses a CGI variable %s that is not a string", async (key, value) => {
    expect(await brokenRule(() => serve(hello, { [key]: value }))).toBe("cgi-value-string");
  });

  it.each(["HTTP_CONTENT_TYPE", "HTTP_CONTENT_LENGTH"])(
    "refuses %s, which CGI names without HTTP_",
    async (key) => {
      expect(await brokenRule(() => serve(hello, { [key]: "5" }))).toBe("no-http-content-headers");
    },
  );

  it.each([
    ["gateway.version", [1, 1]],
    ["gateway.url_scheme", "ftp"],
    ["gateway.input", [encode("not async")]],
    ["gateway.errors", { write() {} }],
    ["gateway.multithread", "yes"],
    ["gateway.multiprocess", 0],
    ["gateway.run_once", "false"],
    ["gateway.signal", { aborted: false }],
  ])("refuses %s of the wrong type", async (key, value) => {
    expect(await brokenRule(() => serve(hello, { [key]: value }))).toBe("gateway-key-type");
  });

  it("refuses a SCRIPT_NAME that does not start with a slash", async () => {
    expect(await brokenRule(() => serve(hello, { SCRIPT_NAME: "blog" }))).toBe("script-name-slash");
  });

  it('refuses a SCRIPT_NAME of "/"', async () => {
    expect(await brokenRule(() => serve(hello, { SCRIPT_NAME: "/", PATH_INFO: "" }))).toBe(
      "script-name-root",
    );
  });

  it("refuses a PATH_INFO that does not start with a slash", async () => {
    expect(await brokenRule(() => serve(hello, { PATH_INFO: "hello" }))).toBe("path-info-slash");
  });

  it("accepts an app mounted under a prefix, and one reached without a trailing slash", async () => {
    expect((await serve(hello, { SCRIPT_NAME: "/blog", PATH_INFO: "/posts/1" })).text).toBe(
      "Hello",
    );
    expect((await serve(hello, { SCRIPT_NAME: "/blog", PATH_INFO: "" })).text).toBe("Hello");
  });

  it.each(["-1", "ten", "1.5", " 5"])("refuses a CONTENT_LENGTH of %j", async (value) => {
    expect(await brokenRule(() => serve(hello, { CONTENT_LENGTH: value }))).toBe(
      "content-length-request",
    );
  });

  it("warns about an unknown method in gateway.errors, in the shape of every validator message", async () => {
    const answer = await serve(hello, { REQUEST_METHOD: "get" });
    expect(answer.logged).toBe(
      'Validation warning: REQUEST_METHOD should be a standard HTTP method (PEP 3333, "environ Variables"). ' +
        'Got REQUEST_METHOD = "get". Hint: methods are case-sensitive ("GET", not "get"); a custom method ' +
        "is allowed, so this is only a warning. " +
        'Read: lessons/04-many-servers/README.md, "What the server puts in the environ".\n',
    );
  });

  it("stays quiet about the standard methods", async () => {
    for (const method of ["GET", "HEAD", "POST", "PUT", "DELETE", "OPTIONS", "PATCH"]) {
      expect((await serve(hello, { REQUEST_METHOD: method })).logged).toBe("");
    }
  });
});
