/**
 * Exercise 09-order-the-stack: the same three layers, in the order that logs what is
 * sent and compresses the error page.
 */
import zlib from "node:zlib";
import { describe, expect, it } from "vitest";
import { decode } from "../../../gateway/bytes.ts";
import { TestClient } from "../../../gateway/test-client.ts";
import type { App } from "../../../gateway/types.ts";
import { exerciseExport, lessonSection } from "../load-exercise.ts";

const section = lessonSection("09-reuse", "Exercise: put the stack in order");
const stack = await exerciseExport<(log: (line: string) => void) => App>(
  "09-reuse/order-stack.ts",
  "stack",
  "function",
  section,
);

const GZIP = { headers: { "Accept-Encoding": "gzip" } };

/** Sends one request through the stack; returns the answer and its log line. */
async function logged(path: string) {
  const lines: string[] = [];
  const response = await new TestClient(stack((line) => lines.push(line))).get(path, GZIP);
  const [, status = "", bytes = ""] = / (\d{3}) (\d+|-) "/.exec(lines[0] ?? "") ?? [];
  return { response, lines, status, bytes };
}

describe("stack", () => {
  it("compresses the home page and logs one line for it", async () => {
    const { response, lines } = await logged("/");
    expect(
      response.header("Content-Encoding"),
      `the home page must be gzipped for a client that accepts gzip: keep compression() in the stack; ${section.see}`,
    ).toBe("gzip");
    expect(
      lines.length,
      `one request, one log line: keep requestLog in the stack; ${section.see}`,
    ).toBe(1);
  });

  it("logs the bytes that were sent, compressed", async () => {
    const { response, bytes } = await logged("/");
    expect(
      bytes,
      `the log counted ${bytes} bytes, but ${response.body.byteLength} were sent: a layer sees only what the layers inside it did, so put requestLog outside compression; ${section.see}`,
    ).toBe(String(response.body.byteLength));
  });

  it("sends the 404 page compressed, with the status 404, and logs both", async () => {
    const { response, status, bytes } = await logged("/missing");
    expect(response.statusCode, `a missing page must still answer 404; ${section.see}`).toBe(404);
    expect(
      response.header("Content-Encoding"),
      `the 404 page went out uncompressed: errorDocuments must be inside compression, so that compression sees the page it sends; ${section.see}`,
    ).toBe("gzip");
    expect(
      decode(zlib.gunzipSync(response.body)),
      `the 404 answer must be the page notFoundPage makes, compressed: keep errorDocuments({ 404: notFoundPage }) in the stack; ${section.see}`,
    ).toContain("<h1>Nothing here</h1>");
    expect(
      [status, bytes],
      `the log must show the 404 and the bytes of the compressed page that was sent; ${section.see}`,
    ).toEqual(["404", String(response.body.byteLength)]);
  });
});
