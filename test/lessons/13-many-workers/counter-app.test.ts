/**
 * Lesson 13's counter app, in-process: both counts, the worker's pid, and
 * a 503 page (not a crash) when the database does not answer.
 */
import { describe, expect, it } from "vitest";
import { HttpError } from "../../../gateway/kit/http-errors.ts";
import { TestClient } from "../../../gateway/test-client.ts";
import { counterApp } from "../../../lessons/13-many-workers/counter-app.ts";
import type { Counts } from "../../../lessons/13-many-workers/counts.ts";

/** A database shared by two "workers": the count other workers made is already in it. */
function sharedWith(otherWorkersCounted: number): Counts {
  let value = otherWorkersCounted;
  return { increment: async () => ++value };
}

describe("lesson 13's counter app", () => {
  it("counts in its own memory and in the database, and names the process", async () => {
    const client = new TestClient(counterApp(sharedWith(10)));
    await client.get("/");
    const response = await client.get("/");
    expect(response.statusCode).toBe(200);
    expect(response.text).toBe(
      `worker ${process.pid} (gateway.multiprocess: false)\n` +
        "this worker's memory: 2\n" +
        "the database: 12\n",
    );
  });

  it("answers 503 with the reason when the database does not answer", async () => {
    const down: Counts = {
      increment: async () => {
        throw new HttpError(503, { detail: "The counters' database is not answering." });
      },
    };
    const response = await new TestClient(counterApp(down)).get("/");
    expect(response.statusCode).toBe(503);
    expect(response.text).toContain("The counters&#39; database is not answering.");
  });
});
