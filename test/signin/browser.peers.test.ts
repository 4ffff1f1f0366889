/**
 * The sign-in app in a real browser: a visitor signs up, signs out, signs
 * in again, sees the private page, and signs out, clicking through the
 * plain HTML forms as a person would (no JavaScript in the pages). A
 * screenshot of the private page is saved in a temporary folder.
 */
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningServer, serve } from "../../gateway/http-server.ts";
import { createApp } from "../../solutions/signin/app.ts";
import { openSqliteStore, type SqliteStore } from "../../solutions/signin/store/sqlite-store.ts";
import { browserSkipReason, launchBrowser } from "../support/browser.ts";

const skip = browserSkipReason();
if (skip !== undefined) console.warn(skip);

const USERNAME = "ada_lovelace";
const PASSWORD = "analytical engine 1843";

describe.skipIf(skip !== undefined)("the sign-in app in Chromium", () => {
  let dataDir: string;
  let store: SqliteStore;
  let server: RunningServer;
  let browser: Browser;

  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), "signin-browser-data-"));
    store = await openSqliteStore(dataDir);
    const app = createApp({
      store,
      sessionKeys: [randomBytes(32).toString("base64url")],
      // A cheap hash: this test is about the pages, not the cost of scrypt.
      passwords: { cost: { log2N: 4, r: 8, p: 1 } },
    });
    server = await serve(app, { host: "127.0.0.1", port: 0 });
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await store?.close();
    if (dataDir !== undefined) rmSync(dataDir, { recursive: true, force: true });
  });

  /** Fills the form on the page and sends it with its button. */
  async function submitForm(page: Page, button: string): Promise<void> {
    await page.getByLabel("Username").fill(USERNAME);
    await page.getByLabel("Password").fill(PASSWORD);
    await page.getByRole("button", { name: button }).click();
    await page.waitForLoadState();
  }

  it("signs up, signs in, shows the private page, and signs out", async () => {
    const page = await browser.newPage();
    const at = (pathname: string) => new URL(pathname, server.url).href;

    await page.goto(server.url);
    expect(await page.textContent("main")).toContain("You are not signed in.");

    await page.getByRole("link", { name: "Sign up" }).first().click();
    expect(page.url()).toBe(at("/signup"));
    await submitForm(page, "Sign up");
    expect(page.url(), "a sign-up sends the new user home").toBe(at("/"));
    expect(await page.textContent("main")).toContain(`Hello, ${USERNAME}`);

    await page.getByRole("button", { name: "Sign out" }).click();
    await page.waitForLoadState();
    expect(await page.textContent("body")).toContain("You are signed out.");

    await page.goto(at("/private"));
    expect(page.url(), "a visitor is sent to sign in first").toBe(at("/signin?next=/private"));
    await submitForm(page, "Sign in");
    expect(page.url(), "signing in goes on to the page asked for").toBe(at("/private"));
    expect(await page.textContent("main")).toContain(USERNAME);

    const shots = mkdtempSync(path.join(tmpdir(), "signin-browser-"));
    const screenshot = path.join(shots, "private-page.png");
    await page.screenshot({ path: screenshot, fullPage: true });
    expect(statSync(screenshot).size).toBeGreaterThan(0);
    console.log(`screenshot of the private page: ${screenshot}`);

    await page.getByRole("button", { name: "Sign out" }).click();
    await page.waitForLoadState();
    expect(page.url()).toBe(at("/"));
    expect(await page.textContent("main")).toContain("You are not signed in.");
    await page.goto(at("/private"));
    expect(page.url(), "after sign-out the private page is closed again").toBe(
      at("/signin?next=/private"),
    );
  });
});
