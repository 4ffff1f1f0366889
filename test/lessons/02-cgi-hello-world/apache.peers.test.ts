/**
 * Lesson 02's hello.ts under a real Apache (mod_cgid, event MPM), started
 * privately on a free loopback port from the lesson's own config, then
 * stopped and cleaned away.
 *
 * Without Apache the test is skipped, unless CI is set: CI installs
 * Apache, so there a missing one is a failure.
 */
import { existsSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findApache } from "../../../lessons/02-cgi-hello-world/apache/find-apache.ts";
import {
  type PrivateApache,
  startApache,
} from "../../../lessons/02-cgi-hello-world/apache/private-apache.ts";
import { freePort } from "../../support/free-port.ts";
import { expectHello, programs } from "./programs.ts";

const apache = findApache();
const skip = apache === undefined && !process.env.CI;
const title = skip
  ? "lesson 02 under Apache (skipped: no apache2 or httpd here; install Apache, or set APACHE_BIN and APACHE_MODULES)"
  : "lesson 02 under Apache";
const slow = { timeout: 30_000 }; // each request starts Node and tsx

async function answer(response: Response) {
  return {
    status: response.status,
    header: (name: string) => response.headers.get(name),
    text: await response.text(),
  };
}

// One Apache for the file; each request starts Node and tsx, so they run side by side.
describe.skipIf(skip).concurrent(title, () => {
  let running: PrivateApache | undefined;

  beforeAll(async () => {
    if (apache === undefined) {
      throw new Error(
        "CI is set but Apache is missing: install apache2 (.ci/run does) or set APACHE_BIN",
      );
    }
    running = await startApache(apache, { programs, port: await freePort() });
  }, 30_000);

  afterAll(async () => {
    await running?.stop();
    if (running) expect(existsSync(running.runDir), "stop() removes the run folder").toBe(false);
  }, 30_000);

  it(
    "runs hello.ts, which reads the query string, turning its Status: header into the status line",
    slow,
    async () => {
      const response = await fetch(`${running?.url}hello.ts?x=1`);
      expect(response.statusText).toBe("OK");
      expect(response.headers.get("Server")).toMatch(/Apache/);
      expect(response.headers.has("Status")).toBe(false);
      expectHello(await answer(response), "/cgi-bin/hello.ts?x=1", "GET");
    },
  );

  it("passes a POST body on stdin, and the rest of the path as PATH_INFO", slow, async () => {
    const response = await fetch(`${running?.url}hello.ts/extra?x=1`, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: "name=Ada",
    });
    expectHello(await answer(response), "/cgi-bin/hello.ts/extra?x=1", "POST", "name=Ada");
  });
});
