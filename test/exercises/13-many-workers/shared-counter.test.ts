/**
 * Exercise 13-shared-counter: lesson 06's counter, correct across workers.
 *
 * Two `SharedCounter`s stand for two worker processes: each worker builds
 * its own. They share one `Counts`, as workers share one database; the
 * test's counts is a small in-memory one that, like a database, answers
 * later (after an await).
 */
import { describe, expect, it } from "vitest";
import { encode } from "../../../gateway/bytes.ts";
import { TestClient } from "../../../gateway/test-client.ts";
import type { App } from "../../../gateway/types.ts";
import type { Counts } from "../../../lessons/13-many-workers/counts.ts";
import { exerciseExport, lessonSection } from "../load-exercise.ts";

const section = lessonSection("13-many-workers", "Exercise: one count for every worker");

const SharedCounter = await exerciseExport<new (app: App, counts: Counts) => { readonly app: App }>(
  "13-many-workers/shared-counter.ts",
  "SharedCounter",
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

/** One database for every "worker": a map, answering on a later turn as a server would. */
function sharedCounts(): Counts & { asked: string[] } {
  const values = new Map<string, number>();
  const asked: string[] = [];
  return {
    asked,
    async increment(name) {
      asked.push(name);
      await Promise.resolve();
      const value = (values.get(name) ?? 0) + 1;
      values.set(name, value);
      return value;
    },
  };
}

/** Two workers over one database; requests go to them in turn, as the supervisor hands them out. */
async function alternate(times: number): Promise<{ counts: string[]; asked: string[] }> {
  const database = sharedCounts();
  const workers = [
    new TestClient(new SharedCounter(hello, database).app),
    new TestClient(new SharedCounter(hello, database).app),
  ];
  const counts: string[] = [];
  for (let i = 0; i < times; i++) {
    const response = await (workers[i % 2] as TestClient).get("/");
    expect(
      response.statusCode,
      `the app failed with: ${response.errors.split("\n")[1] ?? response.errors}; ${section.see}`,
    ).toBe(200);
    counts.push(response.header("X-Request-Count") ?? "(none)");
  }
  return { counts, asked: database.asked };
}

describe("SharedCounter", () => {
  it("numbers the requests 1, 2, 3, 4 across two workers that share one database", async () => {
    const { counts } = await alternate(4);
    expect(
      counts,
      `two workers, one count: each answer's X-Request-Count must come from counts.increment, not from a field of this process; ${section.see}`,
    ).toEqual(["1", "2", "3", "4"]);
  });

  it('asks the database once per request, for the counter named "requests"', async () => {
    const { asked } = await alternate(3);
    expect(
      asked,
      `call await counts.increment("requests") once in each request; ${section.see}`,
    ).toEqual(["requests", "requests", "requests"]);
  });

  it("keeps the app's status, headers and body", async () => {
    const response = await new TestClient(new SharedCounter(hello, sharedCounts()).app).get("/");
    expect(response.text, `the body must be the app's, unchanged; ${section.see}`).toBe(
      "Hello World!\n",
    );
    expect(
      response.header("Content-Type"),
      `keep the app's headers and append yours; ${section.see}`,
    ).toBe("text/plain; charset=utf-8");
  });
});
