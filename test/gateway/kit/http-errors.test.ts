import { describe, expect, it } from "vitest";
import { encode } from "../../../gateway/bytes.ts";
import { httpErrors } from "../../../gateway/kit/http-error-middleware.ts";
import {
  badRequest,
  conflict,
  contentTooLarge,
  forbidden,
  HttpError,
  internalServerError,
  methodNotAllowed,
  notFound,
  tooManyRequests,
  unauthorized,
  unsupportedMediaType,
} from "../../../gateway/kit/http-errors.ts";
import { appUrl, redirect, seeOther } from "../../../gateway/kit/redirects.ts";
import { TestClient } from "../../../gateway/test-client.ts";
import type { App, Environ } from "../../../gateway/types.ts";

const TEXT: [string, string] = ["Content-Type", "text/plain"];

/** An app that throws `error` when called. */
function throwing(error: unknown): App {
  return () => {
    throw error;
  };
}

function client(app: App): TestClient {
  return new TestClient(httpErrors()(app));
}

describe("HttpError and its named constructors", () => {
  it.each([
    [badRequest(), 400, "Bad Request"],
    [unauthorized(), 401, "Unauthorized"],
    [forbidden(), 403, "Forbidden"],
    [notFound(), 404, "Not Found"],
    [methodNotAllowed(["GET"]), 405, "Method Not Allowed"],
    [conflict(), 409, "Conflict"],
    [contentTooLarge(), 413, "Content Too Large"],
    [unsupportedMediaType(), 415, "Unsupported Media Type"],
    [tooManyRequests(30), 429, "Too Many Requests"],
    [internalServerError(), 500, "Internal Server Error"],
  ])("makes %s with code %i and reason %s", (error, code, reason) => {
    expect(error).toBeInstanceOf(HttpError);
    expect([error.code, error.reason, error.status]).toEqual([code, reason, `${code} ${reason}`]);
    expect(error.detail).not.toBe("");
  });

  it("puts the status and the detail in the message, for logs", () => {
    expect(notFound("No such user.").message).toBe("404 Not Found: No such user.");
  });

  it("lists the allowed methods of a 405 once each, sorted", () => {
    expect(methodNotAllowed(["POST", "GET", "HEAD", "GET"]).headers).toEqual([
      ["Allow", "GET, HEAD, POST"],
    ]);
  });

  it("gives a 429 its Retry-After, and refuses one that is not whole seconds", () => {
    expect(tooManyRequests(60).headers).toEqual([["Retry-After", "60"]]);
    expect(() => tooManyRequests(1.5)).toThrow(/whole number of seconds/);
  });

  it("gives a 401 a WWW-Authenticate challenge only when asked", () => {
    expect(unauthorized().headers).toEqual([]);
    expect(unauthorized(undefined, 'Basic realm="admin"').headers).toEqual([
      ["WWW-Authenticate", 'Basic realm="admin"'],
    ]);
  });

  it("refuses a status that is not an error or a redirect", () => {
    expect(() => new HttpError(200)).toThrow(/from 300 to 599/);
  });

  it("refuses a reason or a header that could split the response", () => {
    expect(() => new HttpError(400, { reason: "Bad\r\nSet-Cookie: x=1" })).toThrow(/CR or LF/);
    expect(() => new HttpError(400, { headers: [["X-Note", "a\r\nb"]] })).toThrow(/no CR, LF/);
    expect(() => new HttpError(400, { headers: [["Connection", "close"]] })).toThrow(/hop-by-hop/);
  });
});

describe("redirects", () => {
  it("answers a thrown redirect with its status, Location and a link", async () => {
    const response = await client(throwing(seeOther("/done"))).post("/form");
    expect(response.status).toBe("303 See Other");
    expect(response.header("Location")).toBe("/done");
    expect(response.text).toContain('<a href="/done">');
  });

  it.each([301, 302, 303, 307, 308] as const)("makes a %i redirect", (code) => {
    expect(redirect("/x", code).code).toBe(code);
  });

  it("percent-encodes spaces and non-ASCII letters in the target", () => {
    expect(redirect("/café menu?q=ü").headers).toEqual([
      ["Location", "/caf%C3%A9%20menu?q=%C3%BC"],
    ]);
  });

  it("refuses a target holding CR or LF, which would add headers", () => {
    expect(() => seeOther("/next\r\nSet-Cookie: admin=1")).toThrow(/control character/);
    expect(() => seeOther("")).toThrow(/needs a target/);
  });

  it("builds targets inside a mounted app from SCRIPT_NAME", () => {
    expect(appUrl({ SCRIPT_NAME: "/accounts" } as Environ, "/sign-in")).toBe("/accounts/sign-in");
    expect(appUrl({ SCRIPT_NAME: "" } as Environ, "/")).toBe("/");
    expect(() => appUrl({ SCRIPT_NAME: "" } as Environ, "sign-in")).toThrow(/must start with "\/"/);
  });
});

describe("the httpErrors middleware", () => {
  it("turns an HttpError thrown by the app into its page, with a Content-Length", async () => {
    const response = await client(throwing(notFound("No user <b>7</b>."))).get("/users/7");
    expect(response.status).toBe("404 Not Found");
    expect(response.header("Content-Type")).toBe("text/html; charset=utf-8");
    expect(response.header("Content-Length")).toBe(String(response.body.byteLength));
    expect(response.text).toContain("<p>No user &lt;b&gt;7&lt;/b&gt;.</p>");
  });

  it("answers an HttpError from an async app", async () => {
    const app: App = async () => {
      throw forbidden();
    };
    expect((await client(app).get("/")).statusCode).toBe(403);
  });

  it("keeps the headers the error carries", async () => {
    const response = await client(throwing(methodNotAllowed(["GET", "POST"]))).request("PUT", "/");
    expect([response.statusCode, response.header("Allow")]).toEqual([405, "GET, POST"]);
  });

  it("answers JSON problem details when Accept prefers JSON", async () => {
    const response = await client(throwing(conflict("That name is taken."))).get("/", {
      headers: { Accept: "application/json" },
    });
    expect(response.header("Content-Type")).toBe("application/problem+json");
    expect(response.json()).toEqual({
      type: "about:blank",
      title: "Conflict",
      status: 409,
      detail: "That name is taken.",
    });
  });

  it.each([
    [
      "a browser's Accept",
      "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8",
      "text/html",
    ],
    ["*/*", "*/*", "text/html"],
    ["JSON ranked above HTML", "text/html;q=0.5, application/json", "application/problem+json"],
    ["HTML refused outright", "text/html;q=0, */*", "application/problem+json"],
  ])("chooses by q values: %s", async (_case, accept, type) => {
    const response = await client(throwing(notFound())).get("/", { headers: { Accept: accept } });
    expect(response.header("Content-Type")?.split(";")[0]).toBe(type);
  });

  it("answers an HttpError thrown in the first step of a generator, before startResponse", async () => {
    const app: App = function* (environ, startResponse) {
      if (environ.HTTP_AUTHORIZATION === undefined) throw unauthorized("Sign in first.");
      startResponse("200 OK", [TEXT]);
      yield encode("secret");
    };
    const response = await client(app).get("/");
    expect([response.statusCode, response.aborted]).toEqual([401, false]);
  });

  it("replaces an answer already started, as long as no bytes went out", async () => {
    const app: App = function* (_environ, startResponse) {
      startResponse("200 OK", [TEXT]);
      yield new Uint8Array(0);
      throw badRequest("The page number is not a number.");
    };
    const response = await client(app).get("/");
    expect(response.statusCode).toBe(400);
    expect(response.text).toContain("The page number is not a number.");
  });

  it("cuts the response when the error comes after bytes went out", async () => {
    const app: App = function* (_environ, startResponse) {
      startResponse("200 OK", [TEXT]);
      yield encode("half a page");
      throw notFound();
    };
    const response = await client(app).get("/");
    expect([response.statusCode, response.text, response.aborted]).toEqual([
      200,
      "half a page",
      true,
    ]);
  });

  it("lets other errors pass through untouched, for the server to answer", async () => {
    const error = new TypeError("a bug");
    const response = await client(throwing(error)).get("/");
    expect(response.statusCode).toBe(500);
    expect(response.errors).toContain("TypeError: a bug");
    expect(response.text).not.toContain("a bug");
  });

  it("logs a thrown 5xx with its cause, and shows the visitor only the detail", async () => {
    const cause = new Error("database is locked");
    const response = await client(throwing(internalServerError("Try again later.", cause))).get(
      "/",
    );
    expect(response.statusCode).toBe(500);
    expect(response.text).toContain("Try again later.");
    expect(response.text).not.toContain("locked");
    expect(response.errors).toContain("Caused by: Error: database is locked");
  });

  it("does not log client errors", async () => {
    expect((await client(throwing(notFound())).get("/")).errors).toBe("");
  });

  it("passes a correct answer through unchanged, an array staying an array", async () => {
    const app: App = (_environ, startResponse) => {
      startResponse("200 OK", [TEXT]);
      return [encode("fine")];
    };
    const response = await client(app).get("/");
    expect([response.statusCode, response.text, response.header("Content-Length")]).toEqual([
      200,
      "fine",
      "4",
    ]);
  });
});
