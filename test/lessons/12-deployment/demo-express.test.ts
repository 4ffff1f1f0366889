/** `npm run demo -- 12 express`: lesson 12's app mounted at /app inside an Express site. */
import { describe, expect, it } from "vitest";
import { runDemoToEnd, startDemo } from "./demo-process.ts";
import { shownEnviron } from "./deployment.ts";

describe("lesson 12's Express demo", () => {
  it("serves Express's own page at / with a link to /app/, and the app under /app with SCRIPT_NAME /app", async () => {
    const demo = await startDemo(["express", "--port", "0"]);
    try {
      expect(demo.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
      const home = await (await fetch(demo.url)).text();
      expect(home).toContain('<a href="/app/">');
      const page = await (await fetch(`${demo.url}app/hello%20world/x?y=1`)).text();
      expect(shownEnviron(page)).toEqual({
        REQUEST_METHOD: "GET",
        REQUEST_URI: "/app/hello%20world/x?y=1",
        SCRIPT_NAME: "/app",
        PATH_INFO: "/hello world/x",
        QUERY_STRING: "y=1",
      });
      expect(page).toContain('href="/app/next"');
      const posted = await fetch(`${demo.url}app/echo`, { method: "POST", body: "name=Ada" });
      expect(await posted.text()).toContain("You posted: <code>name=Ada</code>");
    } finally {
      expect(await demo.stop(), "Ctrl-C ends it cleanly").toBe(0);
    }
  });

  it("answers --trace with the demos that draw one, and exit code 1", async () => {
    const run = await runDemoToEnd(["express", "--trace", "--port", "0"]);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(
      "Lesson 12 Express demo: this demo draws no trace: to see lesson 12's requests drawn, run " +
        "npm run demo -- 12 --trace (behind nginx) or npm run demo -- 12 apache --trace (behind Apache)\n",
    );
  });
});
