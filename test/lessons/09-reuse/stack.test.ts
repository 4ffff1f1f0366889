/**
 * Lesson 09's demo: the stack and the same site by hand answer the same pages.
 */
import zlib from "node:zlib";
import { describe, expect, it } from "vitest";
import { decode } from "../../../gateway/bytes.ts";
import { TestClient } from "../../../gateway/test-client.ts";
import { byHand } from "../../../lessons/09-reuse/by-hand.ts";
import { app } from "../../../lessons/09-reuse/stack.ts";

describe("lesson 09's stack", () => {
  it("serves the home page from public/, with validators, compressed for a br client", async () => {
    const response = await new TestClient(app).get("/", { headers: { "Accept-Encoding": "br" } });
    expect(response.statusCode).toBe(200);
    expect(response.header("ETag")).toMatch(/^W\//);
    expect(response.header("Content-Encoding")).toBe("br");
    expect(decode(zlib.brotliDecompressSync(response.body))).toContain("Other people's middleware");
  });

  it("answers a browser's second visit with 304", async () => {
    const client = new TestClient(app);
    const etag = (await client.get("/style.css")).header("ETag") ?? "";
    const again = await client.get("/style.css", { headers: { "If-None-Match": etag } });
    expect(again.statusCode).toBe(304);
  });

  it("counts visits in a session cookie scoped to /notes", async () => {
    const client = new TestClient(app);
    const first = await client.get("/notes/");
    expect(first.header("Set-Cookie")).toMatch(/Path=\/notes;/);
    expect((await client.get("/notes/")).text).toContain("Visit number 2.");
  });

  it("sends public/404.html with the status 404, for the notes app and for the files", async () => {
    for (const path of ["/notes/99", "/no/such/page"]) {
      const response = await new TestClient(app).get(path);
      expect([response.statusCode, response.text.includes("<h1>Nothing here</h1>")]).toEqual([
        404,
        true,
      ]);
    }
  });

  it("logs one combined line per request to gateway.errors", async () => {
    const response = await new TestClient(app).get("/notes/2");
    expect(response.errors).toMatch(
      /^127\.0\.0\.1 - - \[.+\] "GET \/notes\/2 HTTP\/1\.1" 200 \d+ "-" "-" \d+\n$/,
    );
  });
});

describe("lesson 09's site by hand", () => {
  it.each([
    ["/", 200, "Other people's middleware"],
    ["/notes/", 200, "Visit number 1."],
    ["/notes/2", 200, "A middleware is an app around an app."],
    ["/notes/99", 404, "Nothing here"],
    ["/no/such/page", 404, "Nothing here"],
  ])("answers %s like the stack", async (path, status, text) => {
    const response = await new TestClient(byHand).get(path);
    expect([response.statusCode, response.text.includes(text)]).toEqual([status, true]);
  });
});
