/**
 * `npm run demo -- 12`: lesson 12's app behind a private nginx. Without
 * nginx the test is skipped, unless CI is set (CI installs nginx).
 */
import { existsSync } from "node:fs";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { serveFastCGI } from "../../../gateway/fastcgi/server.ts";
import { mounted } from "../../../lessons/12-deployment/app.ts";
import { findNginx, NGINX_MISSING } from "../../../lessons/12-deployment/nginx/find-nginx.ts";
import { freePort } from "../../support/free-port.ts";
import { itNamesAMissingFile, itRunsTheDemo, startWebOnly } from "./demo-behind.ts";
import { runDemoToEnd } from "./demo-process.ts";
import { shownEnviron } from "./deployment.ts";

const skip = findNginx() === undefined && !process.env.CI;
const title = (what: string) => (skip ? `${what} (skipped: ${NGINX_MISSING})` : what);

describe.skipIf(skip).concurrent(title("lesson 12's demo behind nginx"), () => {
  itRunsTheDemo([], /^nginx\//);

  itNamesAMissingFile([], "NGINX_BIN");
  itNamesAMissingFile([], "NGINX_FASTCGI_PARAMS");

  // The README's "A web server with nothing behind it": the 502, then the page.
  it("answers 502 with --web-only until a FastCGI server listens on the port, then the page", async () => {
    const { demo, fastcgiPort } = await startWebOnly([]);
    try {
      expect((await fetch(demo.url)).status).toBe(502);
      const fastcgi = await serveFastCGI(mounted, { port: fastcgiPort });
      try {
        const page = await fetch(`${demo.url}x`);
        expect(page.status).toBe(200);
        expect(shownEnviron(await page.text())).toMatchObject({ PATH_INFO: "/x" });
      } finally {
        await fastcgi.close();
      }
    } finally {
      expect(await demo.stop()).toBe(0);
    }
  });

  it("says nginx did not start, with nginx's own words, and keeps the folder they point into", async () => {
    const params = path.join(await mkdtemp(path.join(os.tmpdir(), "lesson-12-test-")), "params");
    await writeFile(params, "fastcgi_param ONLY_A_NAME;\n");
    const port = String(await freePort());
    const run = await runDemoToEnd(["--port", port, "--fastcgi-port", "0"], {
      NGINX_FASTCGI_PARAMS: params,
    });
    const runDir = /kept in (\S+) /.exec(run.stderr)?.[1] ?? "";
    try {
      expect(run.code).toBe(1);
      expect(run.stderr).toContain("Lesson 12 demo: nginx did not start: it exited with code 1.");
      expect(run.stderr).toContain(`invalid number of arguments in "fastcgi_param" directive`);
      expect(existsSync(path.join(runDir, "nginx.conf")), run.stderr).toBe(true);
      expect(existsSync(path.join(runDir, "error.log")), run.stderr).toBe(true);
    } finally {
      await rm(runDir, { recursive: true, force: true });
      await rm(path.dirname(params), { recursive: true, force: true });
    }
  });
});
