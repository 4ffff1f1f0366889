/**
 * Lesson 02's programs under the workshop's CGI host: the same answers
 * the README shows, from real processes, through the test client.
 */
import { describe, expect, it } from "vitest";
import { cgiHost } from "../../../gateway/cgi-host.ts";
import { TestClient } from "../../../gateway/test-client.ts";
import { expectHello, helloText, programs } from "./programs.ts";

const client = new TestClient(cgiHost(programs));

function answer(response: Awaited<ReturnType<TestClient["get"]>>) {
  return {
    status: response.statusCode,
    header: (name: string) => response.header(name),
    text: response.text,
  };
}

// Each request starts Node and tsx: the tests run side by side.
describe.concurrent("lesson 02 under the CGI host", () => {
  it("runs hello.ts, which reads the query string", async () => {
    const response = await client.get("/hello.ts?x=1");
    expectHello(answer(response), "/hello.ts?x=1", "GET");
    const length = Buffer.byteLength(helloText("/hello.ts?x=1", "GET", ""));
    expect(response.header("Content-Length")).toBe(String(length));
  });

  it("passes a POST body to hello.ts on stdin, and the rest of the path as PATH_INFO", async () => {
    const response = await client.post("/hello.ts/extra?x=1", { form: { name: "Ada" } });
    expectHello(answer(response), "/hello.ts/extra?x=1", "POST", "name=Ada");
  });

  it("shows the meta-variables with printenv.ts", async () => {
    const response = await client.get("/printenv.ts/a/b?x=1");
    expect(response.text).toMatch(/^GATEWAY_INTERFACE=CGI\/1\.1$/m);
    expect(response.text).toMatch(/^SCRIPT_NAME=\/printenv\.ts$/m);
    expect(response.text).toMatch(/^PATH_INFO=\/a\/b$/m);
    expect(response.text).toMatch(/^QUERY_STRING=x=1$/m);
  });
});
