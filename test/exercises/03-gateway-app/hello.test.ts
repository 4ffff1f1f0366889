/** Exercise 03-hello-app: the CGI hello, as a gateway app. */
import { describe, expect, it } from "vitest";
import { TestClient } from "../../../gateway/test-client.ts";
import type { App } from "../../../gateway/types.ts";
import { exerciseExport, lessonSection } from "../load-exercise.ts";

const section = lessonSection("03-gateway-app", "Exercise: turn the CGI hello into an app");
const file = "03-gateway-app/hello.ts";

async function client(): Promise<TestClient> {
  return new TestClient(await exerciseExport<App>(file, "app", "function", section));
}

describe("03-hello-app", () => {
  it("answers GET with 200 OK and Hello World!", async () => {
    const response = await (await client()).get("/");
    expect(response.status, `GET / must answer "200 OK"; ${section.see}`).toBe("200 OK");
    expect(response.text, `the body must be "Hello World!\\n"; ${section.see}`).toBe(
      "Hello World!\n",
    );
    expect(
      response.header("Content-Type"),
      `the Content-Type must be "text/plain; charset=utf-8"; ${section.see}`,
    ).toBe("text/plain; charset=utf-8");
    expect(
      response.header("Content-Length"),
      `send a Content-Length header: the number of bytes in the body, as a string ("13"); ${section.see}`,
    ).toBe("13");
  });

  it("answers HEAD like GET, without the body", async () => {
    const response = await (await client()).request("HEAD", "/");
    expect(response.status, `HEAD / must answer "200 OK", like GET; ${section.see}`).toBe("200 OK");
  });

  it("answers other methods with 405 Method Not Allowed and an Allow header", async () => {
    const response = await (await client()).post("/", { body: "hello" });
    expect(response.status, `POST / must answer "405 Method Not Allowed"; ${section.see}`).toBe(
      "405 Method Not Allowed",
    );
    expect(
      response.header("Allow"),
      `a 405 answer must say which methods work, in an Allow header: "GET, HEAD"; ${section.see}`,
    ).toBe("GET, HEAD");
    expect(response.text, `the 405 body must be "Method Not Allowed\\n"; ${section.see}`).toBe(
      "Method Not Allowed\n",
    );
  });
});
