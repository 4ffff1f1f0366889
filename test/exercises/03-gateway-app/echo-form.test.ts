/** Exercise 03-echo-form: read a POSTed form from gateway.input. */
import { describe, expect, it } from "vitest";
import { TestClient } from "../../../gateway/test-client.ts";
import type { App } from "../../../gateway/types.ts";
import { caught, exerciseExport, lessonSection } from "../load-exercise.ts";

const section = lessonSection("03-gateway-app", "Exercise: echo a form");
const file = "03-gateway-app/echo-form.ts";

async function client(): Promise<TestClient> {
  return new TestClient(await exerciseExport<App>(file, "app", "function", section));
}

describe("03-echo-form", () => {
  it("shows the form on GET", async () => {
    const response = await (await client()).get("/");
    expect(response.status, `GET / must still answer "200 OK"; ${section.see}`).toBe("200 OK");
    expect(response.text, `GET / must still show the form; ${section.see}`).toContain(
      '<form method="post">',
    );
  });

  it("lists every field of a POSTed form, in order", async () => {
    const response = await (await client()).post("/", {
      form: { name: "Ada", message: "Hi there" },
    });
    expect(response.status, `a POST must answer "200 OK"${caught(response)}; ${section.see}`).toBe(
      "200 OK",
    );
    expect(
      response.header("Content-Type"),
      `the answer must be HTML: "text/html; charset=utf-8"; ${section.see}`,
    ).toBe("text/html; charset=utf-8");
    expect(
      response.text.replace(/\s+</g, "<"),
      `POST name=Ada&message=Hi+there must list <li>name: Ada</li><li>message: Hi there</li>; ${section.see}`,
    ).toContain("<li>name: Ada</li><li>message: Hi there</li>");
  });

  it("decodes UTF-8 in the body", async () => {
    const response = await (await client()).post("/", { form: { city: "Zürich" } });
    expect(
      response.text,
      `the body is bytes: decode them as UTF-8 before parsing; ${section.see}`,
    ).toContain("<li>city: Zürich</li>");
  });

  it("escapes what the form sent", async () => {
    const response = await (await client()).post("/", { form: { message: "<b>hi</b>" } });
    expect(
      response.text,
      `values from the form must be escaped: build the page with the html tag; ${section.see}`,
    ).toContain("<li>message: &lt;b&gt;hi&lt;/b&gt;</li>");
  });

  it("reads a body that arrives in several chunks", async () => {
    const app = await exerciseExport<App>(file, "app", "function", section);
    const parts = ["a=1&b", "=2&c=", "3"];
    const response = await new TestClient(app).post("/", {
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      environ: { CONTENT_LENGTH: String(parts.join("").length), "gateway.input": chunked(parts) },
    });
    expect(
      response.text.replace(/\s+</g, "<"),
      `read ALL of gateway.input (collect joins the chunks), not just the first chunk; ${section.see}`,
    ).toContain("<li>a: 1</li><li>b: 2</li><li>c: 3</li>");
  });
});

/** gateway.input that yields the body in pieces, as a socket would. */
async function* chunked(parts: string[]): AsyncGenerator<Uint8Array> {
  for (const part of parts) yield new TextEncoder().encode(part);
}
