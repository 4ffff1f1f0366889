/** Exercise 03-greet-by-name: a name from the query string, escaped into HTML. */
import { describe, expect, it } from "vitest";
import { TestClient } from "../../../gateway/test-client.ts";
import type { App } from "../../../gateway/types.ts";
import { exerciseExport, lessonSection } from "../load-exercise.ts";

const section = lessonSection("03-gateway-app", "Exercise: greet by name");
const file = "03-gateway-app/greet.ts";

async function get(path: string) {
  const app = await exerciseExport<App>(file, "app", "function", section);
  return new TestClient(app).get(path);
}

describe("03-greet-by-name", () => {
  it("greets the name in the query string, in an HTML page", async () => {
    const response = await get("/?name=Ada");
    expect(response.status, `GET /?name=Ada must answer "200 OK"; ${section.see}`).toBe("200 OK");
    expect(
      response.header("Content-Type"),
      `the page must be HTML: "text/html; charset=utf-8"; ${section.see}`,
    ).toBe("text/html; charset=utf-8");
    expect(response.text, `GET /?name=Ada must say <p>Hello, Ada!</p>; ${section.see}`).toContain(
      "<p>Hello, Ada!</p>",
    );
  });

  it("decodes the name: %C3%BC is ü and + is a space", async () => {
    const response = await get("/?name=J%C3%BCrgen+M");
    expect(
      response.text,
      `the query string is raw: decode it with URLSearchParams; ${section.see}`,
    ).toContain("<p>Hello, Jürgen M!</p>");
  });

  it("greets the World when there is no name", async () => {
    for (const path of ["/", "/?name=", "/?other=1"]) {
      const response = await get(path);
      expect(response.text, `GET ${path} must say <p>Hello, World!</p>; ${section.see}`).toContain(
        "<p>Hello, World!</p>",
      );
    }
  });

  it("escapes the name, so it can never become markup", async () => {
    const response = await get("/?name=%3Cscript%3Ealert(1)%3C%2Fscript%3E");
    expect(
      response.text,
      `a name like <script> must be escaped: put it in the page with the html tag; ${section.see}`,
    ).toContain("<p>Hello, &lt;script&gt;alert(1)&lt;/script&gt;!</p>");
  });
});
