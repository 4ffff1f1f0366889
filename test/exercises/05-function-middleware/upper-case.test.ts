/**
 * Exercise 05-upper-case: `upperCase` rewrites plain-text bodies, and fixes their Content-Length.
 */
import { describe, expect, it } from "vitest";
import { encode } from "../../../gateway/bytes.ts";
import { TestClient } from "../../../gateway/test-client.ts";
import type { App, Middleware } from "../../../gateway/types.ts";
import { caught, exerciseExport, lessonSection } from "../load-exercise.ts";

const section = lessonSection("05-function-middleware", "Exercise: upper-case the body");
const upperCase = await exerciseExport<Middleware>(
  "05-function-middleware/upper-case.ts",
  "upperCase",
  "function",
  section,
);

/** An app that answers `text` with this Content-Type, a Content-Length, and an extra header. */
function answering(type: string, text: string): App {
  return (_environ, startResponse) => {
    const body = encode(text);
    startResponse("201 Created", [
      ["Content-Type", type],
      ["Content-Length", String(body.byteLength)],
      ["X-Extra", "kept"],
    ]);
    return [body];
  };
}

describe("upperCase", () => {
  it("upper-cases a plain-text body and gives it the right Content-Length", async () => {
    const app = upperCase(answering("text/plain; charset=utf-8", "ﬁve ﬁsh in the straße\n"));
    const response = await new TestClient(app).get("/");
    expect(
      response.text,
      `a text/plain body must come out upper-cased${caught(response)}; ${section.see}`,
    ).toBe("FIVE FISH IN THE STRASSE\n");
    expect(
      response.header("Content-Length"),
      `the Content-Length must be the length in bytes of the new body; ${section.see}`,
    ).toBe(String(response.body.byteLength));
    expect(response.status, `keep the app's status; ${section.see}`).toBe("201 Created");
    expect(response.header("X-Extra"), `keep the app's other headers; ${section.see}`).toBe("kept");
  });

  it("leaves an HTML answer exactly as it was", async () => {
    const app = upperCase(answering("text/html; charset=utf-8", "<p>Hello</p>\n"));
    const response = await new TestClient(app).get("/");
    expect(
      response.text,
      `only text/plain answers change: HTML must go out as the app made it; ${section.see}`,
    ).toBe("<p>Hello</p>\n");
    expect(
      response.header("Content-Length"),
      `keep the HTML answer's headers; ${section.see}`,
    ).toBe("13");
  });

  it("upper-cases a generator's body, even with a character split between two chunks", async () => {
    const straße = encode("straße\n");
    const lazy: App = function* (_environ, startResponse) {
      startResponse("200 OK", [["Content-Type", "text/plain; charset=utf-8"]]);
      yield straße.slice(0, 5); // "stra" and the first byte of "ß"
      yield straße.slice(5);
    };
    const response = await new TestClient(upperCase(lazy)).get("/");
    expect(
      response.text,
      `read the whole body first, then decode it in one piece (decode(chunks)): a generator calls startResponse late, and a character may be split between chunks; ${section.see}`,
    ).toBe("STRASSE\n");
  });

  it("upper-cases what an app sends with write()", async () => {
    const writer: App = async (_environ, startResponse) => {
      const write = startResponse("200 OK", [["Content-Type", "text/plain; charset=utf-8"]]);
      await write(encode("written, "));
      return [encode("returned\n")];
    };
    const response = await new TestClient(upperCase(writer)).get("/");
    expect(
      response.text,
      `the write() your startResponse returns must keep its chunks, in order before the body's; ${section.see}`,
    ).toBe("WRITTEN, RETURNED\n");
  });
});
