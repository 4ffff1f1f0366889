/**
 * Exercise 05-add-header: `addHeader(name, value)` adds one header to every answer.
 */
import { describe, expect, it } from "vitest";
import { encode } from "../../../gateway/bytes.ts";
import { TestClient } from "../../../gateway/test-client.ts";
import type { App, Middleware } from "../../../gateway/types.ts";
import { exerciseExport, lessonSection } from "../load-exercise.ts";

const section = lessonSection("05-function-middleware", "Exercise: add a header");
const addHeader = await exerciseExport<(name: string, value: string) => Middleware>(
  "05-function-middleware/add-header.ts",
  "addHeader",
  "function",
  section,
);

const hello: App = (_environ, startResponse) => {
  const body = encode("Hello World!\n");
  startResponse("404 Not Found", [
    ["Content-Type", "text/plain; charset=utf-8"],
    ["Content-Length", String(body.byteLength)],
  ]);
  return [body];
};

describe("addHeader", () => {
  it("adds the header to every answer and keeps the app's status, headers and body", async () => {
    const client = new TestClient(addHeader("X-Powered-By", "gateway")(hello));
    const response = await client.get("/");
    expect(
      response.header("X-Powered-By"),
      `the answer has no X-Powered-By header: your startResponse must add [name, value] to the headers; ${section.see}`,
    ).toBe("gateway");
    expect(response.status, `the status must stay the app's own; ${section.see}`).toBe(
      "404 Not Found",
    );
    expect(
      response.header("Content-Type"),
      `the app's own headers must stay: append yours to them, do not replace them; ${section.see}`,
    ).toBe("text/plain; charset=utf-8");
    expect(response.text, `the body must be the app's, unchanged; ${section.see}`).toBe(
      "Hello World!\n",
    );
  });

  it("uses the name and value it was given", async () => {
    const client = new TestClient(addHeader("X-Lesson", "05")(hello));
    const response = await client.get("/");
    expect(
      response.header("X-Lesson"),
      `addHeader("X-Lesson", "05") must add "X-Lesson: 05": use the name and value parameters; ${section.see}`,
    ).toBe("05");
  });

  it("adds the header when a generator app starts its answer lazily", async () => {
    const lazy: App = function* (_environ, startResponse) {
      startResponse("200 OK", [["Content-Type", "text/plain; charset=utf-8"]]);
      yield encode("late\n");
    };
    const response = await new TestClient(addHeader("X-Powered-By", "gateway")(lazy)).get("/");
    expect(
      response.header("X-Powered-By"),
      `add the header inside your startResponse, not before calling the app: a generator calls startResponse later; ${section.see}`,
    ).toBe("gateway");
  });

  it("gives the app the write() function the server returned", async () => {
    const writer: App = async (_environ, startResponse) => {
      const write = startResponse("200 OK", [["Content-Type", "text/plain; charset=utf-8"]]);
      await write(encode("written\n"));
      return [];
    };
    const response = await new TestClient(addHeader("X-Powered-By", "gateway")(writer)).get("/");
    expect(
      response.text,
      `an app that uses write() lost its bytes: your startResponse must return what the server's startResponse returns; ${section.see}`,
    ).toBe("written\n");
  });
});
