/**
 * Exercise 07-number-lines: a generator middleware that numbers lines as they stream.
 */
import { describe, expect, it } from "vitest";
import { decode, encode } from "../../../gateway/bytes.ts";
import { TestClient } from "../../../gateway/test-client.ts";
import type { App, Body, Chunk, Middleware } from "../../../gateway/types.ts";
import { caught, exerciseExport, lessonSection } from "../load-exercise.ts";

const section = lessonSection("07-generators", "Exercise: number the lines of a stream");
const numberLines = await exerciseExport<Middleware>(
  "07-generators/number-lines.ts",
  "numberLines",
  "function",
  section,
);

/** A generator app that streams these chunks, and notes what the server did with it. */
function streaming(type: string, chunks: Chunk[]) {
  const seen = { pulled: 0, finished: false };
  const app: App = function* (_environ, startResponse) {
    startResponse("200 OK", [["Content-Type", type]]);
    try {
      for (const chunk of chunks) {
        seen.pulled += 1;
        yield chunk;
      }
    } finally {
      seen.finished = true;
    }
  };
  return { app, seen };
}

/** Calls the wrapped app as a server would, and gives its body's iterator. */
async function open(app: App): Promise<AsyncIterator<Chunk> | Iterator<Chunk>> {
  const environ = new TestClient(app).environ("GET", "/", {}, []);
  const body: Body = await app(environ, () => async () => {});
  return Symbol.asyncIterator in body ? body[Symbol.asyncIterator]() : body[Symbol.iterator]();
}

const text = (...parts: string[]) => parts.map((part) => encode(part));

describe("numberLines", () => {
  it("numbers each line of a plain-text answer", async () => {
    const body = encode("one\ntwo\nthree\n");
    const app: App = (_environ, startResponse) => {
      startResponse("200 OK", [
        ["Content-Type", "text/plain; charset=utf-8"],
        ["Content-Length", String(body.byteLength)],
      ]);
      return [body];
    };
    const response = await new TestClient(numberLines(app)).get("/");
    expect(
      response.text,
      `each line starts with its number and ": "${caught(response)}; ${section.see}`,
    ).toBe("1: one\n2: two\n3: three\n");
    expect(
      response.header("Content-Length"),
      `the numbered body is longer: drop the app's Content-Length; ${section.see}`,
    ).toBeUndefined();
  });

  it("numbers a line once when it is split between chunks", async () => {
    const { app } = streaming("text/plain", text("one\ntw", "o\nthr", "ee\nfour"));
    const response = await new TestClient(numberLines(app)).get("/");
    expect(
      response.text,
      `remember between chunks whether the next character starts a line; ${section.see}`,
    ).toBe("1: one\n2: two\n3: three\n4: four");
  });

  it("keeps a character split between two chunks whole", async () => {
    const straße = encode("straße\n");
    const { app } = streaming("text/plain; charset=utf-8", [straße.slice(0, 5), straße.slice(5)]);
    const response = await new TestClient(numberLines(app)).get("/");
    expect(
      response.text,
      `decode with one TextDecoder and { stream: true }, so the two bytes of "ß" meet again; ${section.see}`,
    ).toBe("1: straße\n");
  });

  it("passes other answers through unchanged", async () => {
    const { app } = streaming("text/html; charset=utf-8", text("<p>one\n", "two</p>\n"));
    const response = await new TestClient(numberLines(app)).get("/");
    expect(response.text, `only text/plain answers are numbered; ${section.see}`).toBe(
      "<p>one\ntwo</p>\n",
    );
  });

  it("yields one chunk for each chunk of the app, without reading ahead", async () => {
    const { app, seen } = streaming("text/plain", text("a\n", "b\n", "c\n"));
    const iterator = await open(numberLines(app));
    const first = await iterator.next();
    expect(
      first.done ? "" : decode(first.value),
      `the first chunk out is the first line, numbered; ${section.see}`,
    ).toBe("1: a\n");
    expect(
      seen.pulled,
      `yield as soon as one chunk came in: the app was asked for ${seen.pulled} chunks before your first yield; ${section.see}`,
    ).toBe(1);
    await iterator.return?.();
  });

  it("finishes the app's body when the server stops early", async () => {
    const { app, seen } = streaming("text/plain", text("a\n", "b\n", "c\n"));
    const iterator = await open(numberLines(app));
    await iterator.next();
    await iterator.return?.();
    expect(
      seen.finished,
      `when your generator's return() is called, the app's body must be finished too: loop with for await, which calls its return(); ${section.see}`,
    ).toBe(true);
  });
});
