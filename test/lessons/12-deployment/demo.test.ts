/**
 * `npm run demo -- 12`: lesson 12's app behind a private nginx. Without
 * nginx the test is skipped, unless CI is set (CI installs nginx).
 */
import { describe, expect, it } from "vitest";
import { findNginx, NGINX_MISSING } from "../../../lessons/12-deployment/nginx/find-nginx.ts";
import { itRunsTheDemo } from "./demo-behind.ts";
import { freePort, runDemoToEnd } from "./demo-process.ts";

const skip = findNginx() === undefined && !process.env.CI;
const title = (what: string) => (skip ? `${what} (skipped: ${NGINX_MISSING})` : what);

describe.skipIf(skip)(title("lesson 12's demo behind nginx"), () => {
  itRunsTheDemo([], /^nginx\//);

  it("says nginx did not start, with nginx's own words, and exits with 1", async () => {
    const port = String(await freePort());
    const run = await runDemoToEnd(["--port", port, "--fastcgi-port", "0"], {
      NGINX_BIN: "/no/such/nginx",
      NGINX_FASTCGI_PARAMS: "/no/such/fastcgi_params",
    });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("Lesson 12 demo: nginx did not start");
    expect(run.stderr).toContain("/no/such/nginx");
  }, 20_000);
});
