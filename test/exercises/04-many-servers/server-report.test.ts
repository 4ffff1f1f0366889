/** Exercise 04-server-report: an app that reports what the environ says about the server. */
import { describe, expect, it } from "vitest";
import { TestClient } from "../../../gateway/test-client.ts";
import type { App, Environ } from "../../../gateway/types.ts";
import { exerciseExport, lessonSection } from "../load-exercise.ts";

const section = lessonSection("04-many-servers", "Exercise: report the server");
const file = "04-many-servers/server-report.ts";

async function get(environ: Partial<Environ> = {}) {
  const app = await exerciseExport<App>(file, "app", "function", section);
  return new TestClient(app).get("/", { environ });
}

describe("04-server-report", () => {
  it("answers the test client's environ as JSON", async () => {
    const response = await get();
    expect(response.status, `the app must answer "200 OK"; ${section.see}`).toBe("200 OK");
    expect(
      response.header("Content-Type"),
      `the Content-Type must be "application/json"; ${section.see}`,
    ).toBe("application/json");
    expect(
      () => response.json(),
      `the body must be JSON: encode(JSON.stringify(report)); ${section.see}`,
    ).not.toThrow();
    expect(
      response.json(),
      `the report must hold server, scheme, runOnce, multiprocess and multithread, read from the environ; ${section.see}`,
    ).toEqual({
      server: "localhost:80",
      scheme: "http",
      runOnce: false,
      multiprocess: false,
      multithread: false,
    });
  });

  it("reads every value from the environ, so it reports a CGI server as one", async () => {
    const response = await get({
      SERVER_NAME: "example.org",
      SERVER_PORT: "8443",
      "gateway.url_scheme": "https",
      "gateway.run_once": true,
      "gateway.multiprocess": true,
      "gateway.multithread": false,
    });
    expect(
      response.json(),
      `do not write the values in by hand: read SERVER_NAME, SERVER_PORT and the gateway.* keys; ${section.see}`,
    ).toEqual({
      server: "example.org:8443",
      scheme: "https",
      runOnce: true,
      multiprocess: true,
      multithread: false,
    });
  });

  it("writes one line to gateway.errors", async () => {
    const response = await get({ SERVER_NAME: "example.org", SERVER_PORT: "8004" });
    expect(
      response.errors,
      `write "report for example.org:8004\\n" to environ["gateway.errors"]; ${section.see}`,
    ).toBe("report for example.org:8004\n");
  });
});
