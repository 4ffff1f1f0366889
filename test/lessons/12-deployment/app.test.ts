/** Lesson 12's app on its own, through the test client: what it answers before any web server. */
import { describe, expect, it } from "vitest";
import { TestClient } from "../../../gateway/test-client.ts";
import { app, mounted } from "../../../lessons/12-deployment/app.ts";
import { shownEnviron } from "./deployment.ts";

describe("lesson 12's app", () => {
  it("echoes a POST body of up to 100,000 bytes", async () => {
    const body = "x".repeat(100_000);
    const response = await new TestClient(app).post("/echo", { body });
    expect(response.statusCode).toBe(200);
    expect(response.text).toContain(`You posted: <code>${body}</code>`);
  });

  it("answers a POST body over 100,000 bytes with a 413 that says why, not a 500", async () => {
    const response = await new TestClient(app).post("/echo", { body: "x".repeat(100_001) });
    expect(response.status).toBe("413 Content Too Large");
    expect(response.text).toContain("larger than the 100000 bytes this address accepts");
  });

  it("answers the same 413 when mounted at /app", async () => {
    const response = await new TestClient(mounted).post("/app/echo", {
      body: "x".repeat(100_001),
    });
    expect(response.status).toBe("413 Content Too Large");
  });

  it("shows the keys the web server decides, and builds its link from SCRIPT_NAME", async () => {
    const response = await new TestClient(mounted).get("/app/hello%20world/x?y=1");
    expect(shownEnviron(response.text)).toEqual({
      REQUEST_METHOD: "GET",
      REQUEST_URI: "/app/hello%20world/x?y=1",
      SCRIPT_NAME: "/app",
      PATH_INFO: "/hello world/x",
      QUERY_STRING: "y=1",
    });
    expect(response.text).toContain('href="/app/next"');
  });
});
