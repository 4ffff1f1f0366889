/**
 * Exercise 06-request-counter: a class middleware that keeps a count across requests.
 */
import { describe, expect, it } from "vitest";
import { encode } from "../../../gateway/bytes.ts";
import { TestClient, type TestResponse } from "../../../gateway/test-client.ts";
import type { App } from "../../../gateway/types.ts";
import { exerciseExport, lessonSection } from "../load-exercise.ts";

const section = lessonSection("06-class-middleware", "Exercise: count requests");

interface Counter {
  readonly app: App;
  readonly count: number;
}
const RequestCounter = await exerciseExport<new (app: App) => Counter>(
  "06-class-middleware/request-counter.ts",
  "RequestCounter",
  "class",
  section,
);

const hello: App = (_environ, startResponse) => {
  const body = encode("Hello World!\n");
  startResponse("200 OK", [
    ["Content-Type", "text/plain; charset=utf-8"],
    ["Content-Length", String(body.byteLength)],
  ]);
  return [body];
};

/** Sends `times` requests to the counter's app, handed over alone as a server would get it. */
async function requests(counter: Counter, times: number): Promise<TestResponse[]> {
  const client = new TestClient(counter.app);
  const responses: TestResponse[] = [];
  for (let i = 0; i < times; i++) responses.push(await client.get("/"));
  return responses;
}

function expectAnswered(response: TestResponse): void {
  expect(
    response.statusCode,
    `the app failed with: ${response.errors.split("\n")[1] ?? response.errors}. ` +
      `Called on its own, a method loses \`this\`: make app an arrow function in a property; ${section.see}`,
  ).toBe(200);
}

describe("RequestCounter", () => {
  it("numbers each answer with X-Request-Count, when a server calls counter.app on its own", async () => {
    const responses = await requests(new RequestCounter(hello), 3);
    for (const response of responses) expectAnswered(response);
    expect(
      responses.map((response) => response.header("X-Request-Count")),
      `the three answers must carry X-Request-Count 1, 2 and 3: count in the instance, and add the header in your startResponse; ${section.see}`,
    ).toEqual(["1", "2", "3"]);
  });

  it("says how many requests it has seen", async () => {
    const counter = new RequestCounter(hello);
    await requests(counter, 3);
    expect(counter.count, `counter.count must be 3 after three requests; ${section.see}`).toBe(3);
  });

  it("keeps one count per counter", async () => {
    const first = new RequestCounter(hello);
    const second = new RequestCounter(hello);
    await requests(first, 2);
    const [answer] = await requests(second, 1);
    expect(
      answer?.header("X-Request-Count"),
      `a new counter starts at 1: keep the count in a field of the instance, not in a module variable; ${section.see}`,
    ).toBe("1");
  });

  it("keeps the app's status, headers and body", async () => {
    const [response] = await requests(new RequestCounter(hello), 1);
    if (response === undefined) throw new Error("no response");
    expectAnswered(response);
    expect(response.text, `the body must be the app's, unchanged; ${section.see}`).toBe(
      "Hello World!\n",
    );
    expect(
      response.header("Content-Type"),
      `keep the app's headers and append yours; ${section.see}`,
    ).toBe("text/plain; charset=utf-8");
  });
});
