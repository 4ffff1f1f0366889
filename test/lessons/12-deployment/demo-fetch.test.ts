/** `npm run demo -- 12 fetch`: lesson 12's app as a Fetch handler, called once, then served. */
import { describe, expect, it } from "vitest";
import { runDemoToEnd, startDemo } from "./demo-process.ts";
import { shownEnviron } from "./deployment.ts";

describe("lesson 12's Fetch demo", () => {
  it("prints the Response of one call, then serves the handler under /app/", async () => {
    const demo = await startDemo(["fetch", "--port", "0"]);
    try {
      const printed = demo.output();
      expect(printed).toMatch(/^200 OK\n/);
      expect(printed).toContain("content-type: text/html; charset=utf-8");
      expect(printed).toContain("x-deployed-app: lesson 12");
      expect(printed).toContain("SCRIPT_NAME = &quot;/app&quot;");
      expect(printed).toContain("PATH_INFO = &quot;/hello&quot;");
      expect(demo.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/app\/$/);
      const page = await (await fetch(`${demo.url}hello%20world/x?y=1`)).text();
      expect(shownEnviron(page)).toMatchObject({
        SCRIPT_NAME: "/app",
        PATH_INFO: "/hello world/x",
        QUERY_STRING: "y=1",
      });
      expect(page).toContain('href="/app/next"');
    } finally {
      expect(await demo.stop(), "Ctrl-C ends it cleanly").toBe(0);
    }
  });

  it("answers --trace with the demos that draw one, and exit code 1", async () => {
    const run = await runDemoToEnd(["fetch", "--trace", "--port", "0"]);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(
      "Lesson 12 Fetch demo: this demo draws no trace: to see lesson 12's requests drawn, run " +
        "npm run demo -- 12 --trace (behind nginx) or npm run demo -- 12 apache --trace (behind Apache)\n",
    );
  });
});
