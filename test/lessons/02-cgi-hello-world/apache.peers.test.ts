/**
 * Lesson 02's hello.ts under a real Apache (mod_cgid, event MPM), started
 * privately on a free loopback port from the lesson's own config, then
 * stopped and cleaned away.
 *
 * Without Apache the test is skipped, unless CI is set: CI installs
 * Apache, so there a missing one is a failure.
 */
import { existsSync } from "node:fs";
import { copyFile, mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
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
  });

  afterAll(async () => {
    await running?.stop();
    if (running) expect(existsSync(running.runDir), "stop() removes the run folder").toBe(false);
  });

  it("runs hello.ts, which reads the query string, turning its Status: header into the status line", async () => {
    const response = await fetch(`${running?.url}hello.ts?x=1`);
    expect(response.statusText).toBe("OK");
    expect(response.headers.get("Server")).toMatch(/Apache/);
    expect(response.headers.has("Status")).toBe(false);
    expectHello(await answer(response), "/cgi-bin/hello.ts?x=1", "GET");
  });

  it("passes a POST body on stdin, and the rest of the path as PATH_INFO", async () => {
    const response = await fetch(`${running?.url}hello.ts/extra?x=1`, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: "name=Ada",
    });
    expectHello(await answer(response), "/cgi-bin/hello.ts/extra?x=1", "POST", "name=Ada");
  });
});

// A fresh clone in a `mktemp -d` folder, or a checkout under /root, is closed to
// everyone but its owner; started as root, Apache runs programs as "nobody".
describe.skipIf(skip)(`${title}, from a folder closed to others`, () => {
  it("runs hello.ts all the same (as root, nobody runs a bundled copy), and says so", async () => {
    if (apache === undefined) throw new Error("CI is set but Apache is missing: install apache2");
    const closed = await mkdtemp(path.join(os.tmpdir(), "lesson-02-closed-")); // mode 700
    try {
      await mkdir(path.join(closed, "cgi-bin"));
      await copyFile(path.join(programs, "hello.ts"), path.join(closed, "cgi-bin", "hello.ts"));
      await copyFile(path.join(programs, "..", "read-body.ts"), path.join(closed, "read-body.ts"));
      await writeFile(path.join(closed, "package.json"), '{ "type": "module" }\n');
      const running = await startApache(apache, {
        programs: path.join(closed, "cgi-bin"),
        port: await freePort(),
      });
      try {
        // The first closed folder met: this one, or the checkout's (tsx is there) in a fresh clone.
        if (process.getuid?.() === 0) expect(running.closedToNobody).toBeDefined();
        else expect(running.closedToNobody).toBeUndefined();
        const response = await fetch(`${running.url}hello.ts?x=1`);
        expectHello(await answer(response), "/cgi-bin/hello.ts?x=1", "GET");
      } finally {
        await running.stop();
      }
    } finally {
      await rm(closed, { recursive: true, force: true });
    }
  });
});
