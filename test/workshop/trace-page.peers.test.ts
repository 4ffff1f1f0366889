/**
 * The trace page in a real browser: opened while lesson 05's demo runs with
 * `--trace`, it draws a request made after it opened (live, over
 * server-sent events) with its lanes and arrows, and shows an arrow's
 * details on click; an exported page highlights what a layer changed in
 * the environ. A screenshot of the live page is saved in a temporary folder.
 */
import { mkdtempSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TestClient } from "../../gateway/test-client.ts";
import { traceRoutes } from "../../gateway/trace/routes.ts";
import { stack } from "../../gateway/trace/stack.ts";
import { startTracing, stopTracing } from "../../gateway/trace/tracer.ts";
import type { App, Middleware } from "../../gateway/types.ts";
import { browserSkipReason, launchBrowser } from "../support/browser.ts";
import { startTracedDemo, type TracedDemo } from "../support/traced-demo.ts";

const skip = browserSkipReason();
if (skip !== undefined) console.warn(skip);

describe.skipIf(skip !== undefined)("the trace page in Chromium", () => {
  let browser: Browser;
  let demo: TracedDemo;

  beforeAll(async () => {
    [browser, demo] = await Promise.all([launchBrowser(), startTracedDemo(["5"])]);
  });

  afterAll(async () => {
    await Promise.all([browser?.close(), demo?.stop()]);
  });

  it("draws a request to the demo as it happens: one lane per layer, arrows with sizes", async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(demo.page);
    await page.locator("#status.live").waitFor();
    await fetch(demo.url);
    const diagram = page.locator("#diagram svg.trace-diagram");
    await diagram.locator(".event.quiet > text", { hasText: "36 B, end" }).waitFor();
    expect(await diagram.locator(".lane text").allTextContents()).toEqual([
      "client",
      "server",
      "outer logger",
      "signing",
      "inner logger",
      "hello",
    ]);
    const arrows = await diagram.locator(".event > text").allTextContents();
    expect(arrows.filter((text) => text === "call(environ)")).toHaveLength(4);
    expect(arrows).toContain('startResponse("200 OK")');
    expect(arrows).toContain("returns [13 B]");
    expect(arrows).toContain("returns [36 B]");
    expect(arrows).toContain("200 OK + 2 headers");
    expect(await page.locator("#list li").first().textContent()).toContain("#1 GET /");

    await diagram.locator('.event[data-event="3"]').click();
    const details = page.locator("#details");
    expect(await details.locator("h3").textContent()).toBe("call: inner logger → hello");
    expect(await details.locator("tr", { hasText: "PATH_INFO" }).locator("td").textContent()).toBe(
      "/",
    );
    const shots = mkdtempSync(path.join(tmpdir(), "trace-page-"));
    const shot = path.join(shots, "lesson-05-trace.png");
    await page.screenshot({ path: shot, fullPage: true });
    expect(statSync(shot).size).toBeGreaterThan(10_000);
    console.log(`Screenshot of the trace page: ${shot}`);
  });

  it("highlights, in an exported page, what a layer changed in the environ", async () => {
    const tracer = startTracing();
    const where: App = (_environ, startResponse) => {
      startResponse("204 No Content", []);
      return [];
    };
    const mount: Middleware = (app) =>
      function mounted(environ, startResponse) {
        const rest = environ.PATH_INFO.slice("/api".length);
        return app({ ...environ, SCRIPT_NAME: "/api", PATH_INFO: rest }, startResponse);
      };
    await new TestClient(stack(where, mount)).get("/api/users");
    stopTracing();
    const pages = new TestClient(
      traceRoutes(tracer, { title: "mounted", stop: new AbortController().signal }),
    );
    const exported = await pages.get("/trace?format=html");
    const page = await browser.newPage();
    await page.setContent(exported.text);
    await page.locator(".event.call", { hasText: "SCRIPT_NAME = /api +1" }).click();
    const changed = await page.locator("#details tr.changed th").allTextContents();
    expect(changed).toEqual(["SCRIPT_NAME", "PATH_INFO"]);
    expect(
      await page
        .locator("#details tr.changed", { hasText: "PATH_INFO" })
        .locator("del")
        .textContent(),
    ).toBe("/api/users");
  });
});
