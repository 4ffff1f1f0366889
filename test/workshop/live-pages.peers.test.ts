/**
 * The home's live pages in a real browser, on a learner's copy of the workshop: an exercise
 * page whose verdict turns green when the learner saves, and the instructor's mode stepping
 * through a solution with its test and demo run again after each step.
 *
 * Every wait here is for something the page shows (Playwright's waits have no deadline of
 * their own: `setDefaultTimeout(0)`); the tiers' hang budget catches a page that never does.
 */
import { copyFileSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningServer, serve } from "../../gateway/http-server.ts";
import { vscodeUrl } from "../../workshop/editor.ts";
import { createHome, type Home } from "../../workshop/home.ts";
import { copyThisCheckout, type FixtureRepo, git } from "../fixtures/fixture-repo.ts";
import { browserSkipReason, launchBrowser } from "../support/browser.ts";

const skip = browserSkipReason();
if (skip) console.warn(skip);

const quiet = { write: () => {}, flush: () => {} };

describe.skipIf(skip !== undefined)("the home's live pages in a browser", () => {
  let copy: FixtureRepo;
  let home: Home;
  let server: RunningServer;
  let browser: Browser;
  const inCopy = (...parts: string[]) => path.join(copy.root, ...parts);

  beforeAll(async () => {
    copy = copyThisCheckout();
    // The operations read the starter as shipped from git, as in a learner's clone.
    git(copy.root, "init", "--quiet");
    git(copy.root, "add", "--all");
    git(copy.root, "commit", "--quiet", "--no-verify", "--message", "the workshop");
    home = createHome({ root: copy.root, env: {}, leaveGraceMs: 500 });
    server = await serve(home.app, { port: 0, errors: quiet });
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await home?.close();
    await server?.close();
    await copy?.remove();
  });

  async function newPage(width = 1280): Promise<Page> {
    const page = await browser.newPage({ viewport: { width, height: 800 } });
    page.setDefaultTimeout(0);
    return page;
  }

  it("walks home, exercise page, a save that turns the verdict green, a hunk, reset and catch-up", async () => {
    const page = await newPage();
    await page.goto(server.url);
    await page.click('a[href="/lessons/02-cgi-hello-world/"]');
    await page.click('a[href$="exercises/02-cgi-response"]');
    expect(new URL(page.url()).pathname).toBe("/exercises/02-cgi-response");
    const file = inCopy("starter", "02-cgi-hello-world", "hello-response.ts");
    const editorLink = page.getByRole("link", { name: "Open in VS Code" });
    // The link opens the learner's own file, at a line of it.
    const href = (await editorLink.getAttribute("href")) ?? "";
    expect(href.replace(/:\d+$/, ":1")).toBe(vscodeUrl(file, 1));
    expect(await page.locator("pre.task").textContent()).toContain(
      "Exercise 02-cgi-response: write a CGI response by hand.",
    );
    await page.locator('[data-live="verdict"] [data-state="failed"]').waitFor();

    // The learner saves a correct file: the same page, not reloaded, turns green.
    await page.evaluate(() => {
      (window as unknown as { before: boolean }).before = true;
    });
    copyFileSync(inCopy("solutions", "02-cgi-hello-world", "hello-response.ts"), file);
    await page.locator('[data-live="verdict"] [data-state="passed"]').waitFor();
    expect(await page.evaluate(() => (window as unknown as { before?: boolean }).before)).toBe(
      true,
    );
    await expectReadable(page, "exercise page");

    // The hints and the solution's steps open one at a time.
    const hints = page.locator("details.hint summary");
    await expect(hints.nth(1).isVisible()).resolves.toBe(false);
    await hints.nth(0).click();
    await expect(hints.nth(1).isVisible()).resolves.toBe(true);
    const steps = page.locator("details.step");
    const total = await steps.count();
    expect(total).toBeGreaterThan(0);
    await expect(steps.nth(0).locator("pre.diff").isVisible()).resolves.toBe(false);
    await steps.nth(0).locator("summary").click();
    await expect(steps.nth(0).locator("pre.diff").isVisible()).resolves.toBe(true);
    if (total > 2) await expect(steps.nth(2).isVisible()).resolves.toBe(false);

    // Reset: the file as shipped, the learner's kept, and the verdict goes back to red.
    await page.getByRole("button", { name: "Reset this exercise" }).click();
    await page.locator(".notice", { hasText: "Put back as shipped" }).waitFor();
    const shipped = git(copy.root, "show", "HEAD:starter/02-cgi-hello-world/hello-response.ts");
    expect(readFileSync(file, "utf8")).toBe(shipped);
    const backup = await page.locator('input[name="backup"]').getAttribute("value");
    const kept = inCopy("data", "learn-backups", backup ?? "", "starter", "02-cgi-hello-world");
    expect(readFileSync(path.join(kept, "hello-response.ts"), "utf8")).toBe(
      readFileSync(inCopy("solutions", "02-cgi-hello-world", "hello-response.ts"), "utf8"),
    );
    await page.locator('[data-live="verdict"] [data-state="failed"]').waitFor();

    // Catch-up: the exercise before gets the reference solution, and passes.
    await page.getByRole("button", { name: "Catch up" }).click();
    const caught = page.locator(".notice", { hasText: "Caught up" });
    await caught.waitFor();
    expect(await caught.textContent()).toContain("01-http-response ✓ now passes");
    expect(readFileSync(inCopy("starter", "01-http-by-hand", "http-response.ts"), "utf8")).toBe(
      readFileSync(inCopy("solutions", "01-http-by-hand", "http-response.ts"), "utf8"),
    );
    await page.close();
  });

  it("walks the instructor's mode through an exercise: step, test and demo, back, reset, leave", async () => {
    const own = inCopy("starter", "05-function-middleware", "add-header.ts");
    const before = readFileSync(own, "utf8");
    const page = await newPage(1920);
    await page.goto(`${server.url}guide`);
    await page.click('a[href="/instructor/05-add-header"]');
    await page.getByRole("button", { name: "Start presenting" }).click();
    const step = page.locator('[data-live="step"]');
    const verdict = page.locator('[data-live="verdict"]');
    const demo = page.locator('[data-live="demo"]');
    const button = (name: string) => page.getByRole("button", { name, exact: true });
    await step.locator('h2[data-step="0"]').waitFor();
    await verdict.locator('[data-state="failed"]').waitFor();
    await demo.locator('[data-state="running"]').waitFor();
    expect(await demo.locator("pre.answer").textContent()).not.toContain("x-powered-by");

    await button("Next step →").click();
    await step.locator('h2[data-step="1"]').waitFor();
    expect(await step.locator(".added").count()).toBeGreaterThan(0);
    expect(await step.locator(".removed").count()).toBeGreaterThan(0);
    await verdict.locator('[data-state="passed"]').waitFor();
    await demo
      .locator("pre.answer", { hasText: "x-powered-by: the Gateway Interface workshop" })
      .waitFor();
    await expectReadable(page, "instructor's mode");

    await button("← Back").click();
    await step.locator('h2[data-step="0"]').waitFor();
    await verdict.locator('[data-state="failed"]').waitFor();
    await button("Next step →").click();
    await verdict.locator('[data-state="passed"]').waitFor();
    await button("Reset to the starter").click();
    await step.locator('h2[data-step="0"]').waitFor();
    await verdict.locator('[data-state="failed"]').waitFor();
    await demo.locator('[data-state="running"]').waitFor();
    const demoUrl = (await demo.locator('[data-state="running"] a').getAttribute("href")) ?? "";
    expect(readFileSync(own, "utf8")).toBe(before);

    // Leaving the page ends the presentation: its demo stops.
    await page.close();
    while (await answers(demoUrl)) await sleep(200);
    const again = await fetch(`${server.url}instructor/05-add-header`).then((r) => r.text());
    expect(again).toContain("Start presenting");
  });
});

/** True while something answers at `url`. */
function answers(url: string): Promise<boolean> {
  return fetch(url).then(
    () => true,
    () => false,
  );
}

/**
 * Takes a screenshot of the whole page, and checks it: as wide as the window, and nothing,
 * not even a line of code, wider than the page.
 */
async function expectReadable(page: Page, name: string): Promise<void> {
  const png = await page.screenshot({ fullPage: true });
  const width = png.readUInt32BE(16);
  const height = png.readUInt32BE(20);
  const viewport = page.viewportSize();
  expect(width, `${name}: the screenshot's width`).toBe(viewport?.width);
  expect(height, `${name}: the screenshot's height`).toBeGreaterThanOrEqual(viewport?.height ?? 0);
  const overflowing = await page.evaluate(() => {
    const wide = [...document.querySelectorAll("pre, table, main, section")].filter(
      (element) => element.scrollWidth > element.clientWidth + 1,
    );
    const page = document.documentElement.scrollWidth > window.innerWidth;
    return [
      ...(page ? ["the page"] : []),
      ...wide.map((element) => element.outerHTML.slice(0, 80)),
    ];
  });
  expect(overflowing, `${name}: wider than the window`).toEqual([]);
  // SCREENSHOTS=folder keeps them, for a person to look at.
  const folder = process.env.SCREENSHOTS;
  if (folder) writeFileSync(path.join(folder, `${name}.png`), png);
}
