/**
 * Exercise 07-count-up: a generator app that streams one line per chunk, starting its answer lazily.
 */
import { describe, expect, it } from "vitest";
import { decode } from "../../../gateway/bytes.ts";
import { TestClient } from "../../../gateway/test-client.ts";
import type { App, StartResponse } from "../../../gateway/types.ts";
import { exerciseExport, lessonSection } from "../load-exercise.ts";

const section = lessonSection("07-generators", "Exercise: count up, one line at a time");
const countUp = await exerciseExport<App>(
  "07-generators/count-up.ts",
  "countUp",
  "function",
  section,
);

/** Calls the app as a server would, recording each call of startResponse. */
function call(path: string): { body: ReturnType<App>; statuses: string[] } {
  const statuses: string[] = [];
  const startResponse: StartResponse = (status) => {
    statuses.push(status);
    return async () => {};
  };
  const environ = new TestClient(countUp).environ("GET", path, {}, []);
  return { body: countUp(environ, startResponse), statuses };
}

describe("countUp", () => {
  it("counts from 1 to `to`, a line per number", async () => {
    const response = await new TestClient(countUp).get("/?to=5");
    expect(response.status, `GET /?to=5 must answer 200 OK; ${section.see}`).toBe("200 OK");
    expect(response.text, `GET /?to=5 must answer the lines 1 to 5; ${section.see}`).toBe(
      "1\n2\n3\n4\n5\n",
    );
    expect(response.header("Content-Type"), `the answer is plain text; ${section.see}`).toBe(
      "text/plain; charset=utf-8",
    );
  });

  it("counts to 10 when the query has no `to`", async () => {
    const response = await new TestClient(countUp).get("/");
    expect(response.text, `without ?to= count from 1 to 10; ${section.see}`).toBe(
      "1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n",
    );
  });

  it("yields one chunk per line", async () => {
    const chunks: string[] = [];
    for await (const chunk of await call("/?to=3").body) chunks.push(decode(chunk));
    expect(
      chunks,
      `stream the answer: yield each line as its own chunk, not one big chunk; ${section.see}`,
    ).toEqual(["1\n", "2\n", "3\n"]);
  });

  it("calls startResponse lazily, in the generator's first step", async () => {
    const { body, statuses } = call("/?to=3");
    expect(
      statuses,
      `calling countUp must not call startResponse yet: write it as a generator function (function*), so it starts when the server asks for the first chunk; ${section.see}`,
    ).toEqual([]);
    const resolved = await body;
    const iterator =
      Symbol.asyncIterator in resolved
        ? resolved[Symbol.asyncIterator]()
        : resolved[Symbol.iterator]();
    await iterator.next();
    expect(
      statuses,
      `by its first chunk, the generator must have called startResponse once; ${section.see}`,
    ).toEqual(["200 OK"]);
    await iterator.return?.();
  });

  it("answers 400 when `to` is not a whole number from 1 to 1000", async () => {
    const client = new TestClient(countUp);
    for (const to of ["0", "1001", "2.5", "ten"]) {
      const response = await client.get(`/?to=${to}`);
      expect(response.status, `GET /?to=${to} must answer 400 Bad Request; ${section.see}`).toBe(
        "400 Bad Request",
      );
      expect(response.text, `the 400 answer says what is wrong; ${section.see}`).toBe(
        "to must be a whole number from 1 to 1000\n",
      );
    }
  });
});
