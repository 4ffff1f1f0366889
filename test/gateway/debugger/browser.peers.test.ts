import { existsSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { interactiveDebugger } from "../../../gateway/debugger/index.ts";
import { type RunningServer, serve } from "../../../gateway/http-server.ts";
import { app } from "../../../lessons/10-debugger/app.ts";
import { browserSkipReason, launchBrowser } from "../../support/browser.ts";

const skip = browserSkipReason();
if (skip) console.warn(skip);

describe.skipIf(skip !== undefined)("the debugger in a browser", () => {
  const folder = mkdtempSync(path.join(os.tmpdir(), "debugger-browser-"));
  let server: RunningServer;
  let browser: Browser;
  let secret = "";

  beforeAll(async () => {
    const debugged = interactiveDebugger({
      enabled: true,
      print: (text) => {
        secret = /Debugger secret: (\S+)/.exec(text)?.[1] ?? "";
      },
    })(app);
    server = await serve(debugged, { port: 0, errors: { write: () => {}, flush: () => {} } });
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    rmSync(folder, { recursive: true, force: true });
  });

  it("runs an expression with the failing frame's locals once the secret is given", async () => {
    const page = await browser.newPage();
    const response = await page.goto(`${server.url}profile?id=1`);
    expect(response?.status()).toBe(500);
    await expect(page.locator("h1").textContent()).resolves.toContain(
      "Cannot read properties of undefined",
    );
    expect(await page.locator(".frame.app").first().textContent()).not.toContain("Grace");

    const sent: Array<{ url: string; method: string; header?: string; rest: string }> = [];
    page.on("request", (request) => {
      const { "x-debugger-secret": header, ...others } = request.headers();
      const rest = `${JSON.stringify(others)} ${request.postData() ?? ""}`;
      sent.push({ url: request.url(), method: request.method(), header, rest });
    });
    await expect(page.locator("#unlock-status").textContent()).resolves.toMatch(
      /^Locals are hidden\. Type the secret/,
    );
    await page.fill("#unlock #secret", "not-the-secret");
    await page.click("#unlock button");
    await page.waitForFunction(() =>
      document.getElementById("unlock-status")?.textContent?.includes("wrong secret"),
    );

    await page.fill("#unlock #secret", secret);
    await page.click("#unlock button");
    await page.waitForFunction(() =>
      document.getElementById("unlock-status")?.textContent?.startsWith("Unlocked"),
    );
    const locals = await page.locator('.locals[data-frame="0"]').textContent();
    expect(locals).toContain("profiles");
    const carrying = sent.filter((request) => request.header === secret);
    expect(
      carrying.map((request) => request.method),
      "the secret went out in the header",
    ).toEqual(["GET"]);

    const console = page.locator('form.console[data-frame="0"]');
    await console.locator("input").fill("[id, profiles[id].name, profiles[id].address]");
    await console.locator("input").press("Enter");
    const output = page.locator('.console-output[data-frame="0"] div');
    await output.waitFor();
    expect(await output.textContent()).toContain('[1, "Grace", undefined]');
    for (const request of sent) {
      expect(request.url, "never in a URL").not.toContain(secret);
      expect(request.rest, "never in another header, a cookie or a body").not.toContain(secret);
    }

    const screenshot = path.join(folder, "debugger.png");
    await page.screenshot({ path: screenshot, fullPage: true });
    expect(existsSync(screenshot)).toBe(true);
  });
});
