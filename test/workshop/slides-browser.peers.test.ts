import { fileURLToPath } from "node:url";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningServer, serve } from "../../gateway/http-server.ts";
import { homeApp } from "../../workshop/home.ts";
import { listLessons } from "../../workshop/lessons.ts";
import { listDecks, titledByLesson } from "../../workshop/slides.ts";
import { browserSkipReason, launchBrowser } from "../support/browser.ts";

const skip = browserSkipReason();
if (skip) console.warn(skip);

describe.skipIf(skip !== undefined)("a deck in a browser", () => {
  let server: RunningServer;
  let browser: Browser;

  beforeAll(async () => {
    server = await serve(homeApp(), { port: 0, errors: { write: () => {}, flush: () => {} } });
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it("is turned into slides by reveal.js, and the right arrow key moves to the next one", async () => {
    const decks = await listDecks(fileURLToPath(new URL("../../slides/", import.meta.url)));
    const lessons = await listLessons(fileURLToPath(new URL("../../lessons/", import.meta.url)));
    const first = decks[0] && titledByLesson(decks[0], lessons);
    expect(first, "slides/ holds at least one deck").toBeDefined();
    const page = await browser.newPage();
    const failed: string[] = [];
    page.on("requestfailed", (request) => failed.push(request.url()));
    page.on("response", (response) => {
      if (response.status() >= 400) failed.push(`${response.status()} ${response.url()}`);
    });
    await page.goto(`${server.url}slides/${first?.name}`);
    await page.waitForFunction(() => document.querySelector(".reveal.ready") !== null);

    const slides = page.locator(".reveal .slides > section");
    expect(await slides.count()).toBeGreaterThan(1);
    await expect(page.locator(".reveal .slides section.present h1").textContent()).resolves.toBe(
      first?.title,
    );
    const indexOf = () =>
      page.evaluate(() => (window as unknown as RevealGlobal).Reveal.getIndices().h);
    expect(await indexOf()).toBe(0);
    await page.keyboard.press("ArrowRight");
    await page.waitForFunction(
      () => (window as unknown as RevealGlobal).Reveal.getIndices().h === 1,
    );
    expect(await page.locator(".reveal .slides > section.past").count()).toBe(1);
    expect(failed).toEqual([]);
  });
});

/** The little of reveal.js's global the test asks about. */
interface RevealGlobal {
  Reveal: { getIndices(): { h: number; v: number } };
}
