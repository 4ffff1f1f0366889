/**
 * `npm run demo -- 12 apache`: lesson 12's app behind a private Apache.
 * Without Apache the test is skipped, unless CI is set (CI installs Apache).
 */
import { describe, expect, it } from "vitest";
import { findApache } from "../../../lessons/02-cgi-hello-world/apache/find-apache.ts";
import { freePort } from "../../support/free-port.ts";
import { itNamesAMissingFile, itRunsTheDemo } from "./demo-behind.ts";
import { runDemoToEnd, startDemo } from "./demo-process.ts";
import { shownEnviron } from "./deployment.ts";

const skip = findApache() === undefined && !process.env.CI;
const title = (what: string) =>
  skip ? `${what} (skipped: no apache2 or httpd here; install Apache, or set APACHE_BIN)` : what;

describe.skipIf(skip).concurrent(title("lesson 12's demo behind Apache"), () => {
  itRunsTheDemo(["apache"], /^Apache\//);
  itNamesAMissingFile(["apache"], "APACHE_BIN");

  it("says in one line that APACHE_BIN is not an Apache that runs, and exits with 1", async () => {
    const run = await runDemoToEnd(["apache"], { APACHE_BIN: process.execPath });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(
      /^Lesson 12 demo: APACHE_BIN=\S+ is not an Apache that runs: [^\n]*\n$/,
    );
  });

  it("shows Apache's whole path in SCRIPT_NAME with --raw, and the link going wrong", async () => {
    const port = await freePort();
    const demo = await startDemo([
      "apache",
      "--raw",
      "--port",
      String(port),
      "--fastcgi-port",
      "0",
    ]);
    try {
      const page = await (await fetch(`${demo.url}hello%20world/x?y=1`)).text();
      expect(shownEnviron(page)).toMatchObject({
        SCRIPT_NAME: "/app/hello world/x",
        PATH_INFO: "",
      });
      expect(page).toContain('href="/app/hello world/x/next"');
    } finally {
      expect(await demo.stop()).toBe(0);
    }
  });
});
