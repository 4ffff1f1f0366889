/**
 * Exercise 08-error-page: a 500 page that shows a reference, and a log entry with the stack.
 */
import { describe, expect, it } from "vitest";
import { encode } from "../../../gateway/bytes.ts";
import { TestClient, type TestResponse } from "../../../gateway/test-client.ts";
import type { App, Middleware } from "../../../gateway/types.ts";
import { caught, exerciseExport, lessonSection } from "../load-exercise.ts";

const section = lessonSection("08-errors", "Exercise: an error page with a reference");
const errorPage = await exerciseExport<Middleware>(
  "08-errors/error-page.ts",
  "errorPage",
  "function",
  section,
);

const SECRET = "db.internal:5432 (user report_admin)";

/** The reference the page shows, or undefined. */
function referenceIn(response: TestResponse): string | undefined {
  return /Error reference: ([0-9a-f]{8})/.exec(response.text)?.[1];
}

/** Checks the answer is the middleware's 500 page, for an app that failed with `failure`. */
function expectErrorPage(response: TestResponse, failure: Error): void {
  expect(
    response.status,
    `the app failed: answer "500 Internal Server Error"; ${section.see}`,
  ).toBe("500 Internal Server Error");
  expect(
    referenceIn(response),
    `the page must show "Error reference: " and 8 hex digits (got: ${response.text.slice(0, 300)}). ` +
      `If this is the server's own page, the error reached the server${caught(response)}: ` +
      `either your catch threw, or it did not run: wrap the body's iteration too, ` +
      `not only the call (see 'The wrong way: a try/catch around the call only'); ${section.see}`,
  ).toBeDefined();
  expect(
    response.text.includes(failure.message) || response.text.includes(" at "),
    `the page must say nothing about the error: no message, no stack; ${section.see}`,
  ).toBe(false);
}

describe("errorPage", () => {
  it("answers an error thrown by the app with a 500 page that shows a reference and no details", async () => {
    const failure = new Error(`connection to ${SECRET} lost`);
    const app: App = () => {
      throw failure;
    };
    const response = await new TestClient(errorPage(app)).get("/report");
    expectErrorPage(response, failure);
    expect(
      response.header("Content-Type"),
      `the page is HTML: Content-Type text/html; charset=utf-8; ${section.see}`,
    ).toBe("text/html; charset=utf-8");
  });

  it("logs the reference, the request and the stack to gateway.errors", async () => {
    const failure = new Error(`connection to ${SECRET} lost`);
    const app: App = async () => {
      throw failure;
    };
    const response = await new TestClient(errorPage(app)).get("/report?month=2");
    const reference = referenceIn(response);
    expect(
      response.errors,
      `gateway.errors must get "Error <reference> in GET /report?month=2:" and the stack; ${section.see}`,
    ).toContain(`Error ${reference} in GET /report?month=2:\n${failure.stack}`);
  });

  it("answers an error raised while the body is read, after the app called startResponse", async () => {
    const failure = new Error(`connection to ${SECRET} lost`);
    const app: App = async function* (_environ, startResponse) {
      startResponse("200 OK", [["Content-Type", "text/html; charset=utf-8"]]);
      await Promise.resolve();
      throw failure;
      // biome-ignore lint/correctness/noUnreachable: a generator app must yield, in type at least
      yield encode("never");
    };
    const response = await new TestClient(errorPage(app)).get("/");
    expectErrorPage(response, failure);
  });

  it("gives each error its own reference", async () => {
    const app: App = () => {
      throw new Error("boom");
    };
    const client = new TestClient(errorPage(app));
    const first = referenceIn(await client.get("/"));
    const second = referenceIn(await client.get("/"));
    expect(
      first,
      `each error gets a new reference: make it inside the catch; ${section.see}`,
    ).not.toBe(second);
  });

  it("passes a working app's answer through unchanged", async () => {
    const app: App = function* (_environ, startResponse) {
      startResponse("200 OK", [["Content-Type", "text/plain; charset=utf-8"]]);
      yield encode("all ");
      yield encode("good\n");
    };
    const response = await new TestClient(errorPage(app)).get("/");
    expect(response.text, `a working app's answer must pass through; ${section.see}`).toBe(
      "all good\n",
    );
  });
});
