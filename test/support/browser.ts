/**
 * The browser the tests drive: a real Chromium, through playwright-core.
 *
 * playwright-core brings no browser of its own; it drives the one the
 * machine has. CI installs Debian's (`apt-get install chromium`); a learner
 * may have one, or point `CHROMIUM_PATH` at any Chromium or Chrome.
 *
 * A test that needs the browser asks `browserSkipReason()` first. On a
 * learner's machine without Chromium it skips with that reason; under
 * `CI=true` there is never a reason to skip, so a missing browser fails the
 * test (in `launchBrowser`) instead of passing unnoticed.
 *
 * @example
 * const skip = browserSkipReason();
 * describe.skipIf(skip !== undefined)("in a browser", () => {
 *   it("signs in", async () => {
 *     const browser = await launchBrowser();
 *     try { const page = await browser.newPage(); ... } finally { await browser.close(); }
 *   });
 * });
 * if (skip) console.warn(skip);
 */
import { accessSync, constants } from "node:fs";
import path from "node:path";
import { type Browser, chromium } from "playwright-core";

/** The names Chromium's program goes by on the PATH (Debian, Ubuntu, Windows). */
const PROGRAM_NAMES = ["chromium", "chromium-browser", "chromium.exe", "chrome.exe"];

/**
 * Flags for a quiet, throwaway browser: no sandbox (CI runs as root, where
 * Chromium refuses its sandbox), no GPU, and none of the background traffic
 * (updates, sync, first-run pages) that would make a test slow or flaky.
 */
const ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];

/**
 * Chromium's program: `CHROMIUM_PATH`, else the first match on the PATH (what
 * `command -v chromium` finds); `undefined` if there is none.
 * @example chromiumPath(); // "/usr/bin/chromium"
 */
export function chromiumPath(env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (env.CHROMIUM_PATH) return env.CHROMIUM_PATH;
  const folders = (env.PATH ?? "").split(path.delimiter).filter(Boolean);
  for (const folder of folders) {
    for (const name of PROGRAM_NAMES) {
      const candidate = path.join(folder, name);
      if (isExecutable(candidate)) return candidate;
    }
  }
  return undefined;
}

function isExecutable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * Why a browser test should skip here, or `undefined` if it should run.
 * Only a machine outside CI without Chromium skips.
 * @example const skip = browserSkipReason(); if (skip) console.warn(skip);
 */
export function browserSkipReason(env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (env.CI || chromiumPath(env) !== undefined) return undefined;
  return (
    "Skipping the browser test: no Chromium found on the PATH. Install it " +
    "(Debian/Ubuntu: sudo apt-get install chromium) or set CHROMIUM_PATH to a " +
    "Chromium or Chrome program. Under CI=true this test runs and fails instead."
  );
}

/**
 * Starts Chromium, headless, with a fresh, empty profile in a temporary
 * folder that Playwright deletes on `close()`. Close it in the test's
 * `finally` or `afterAll`.
 * @example const browser = await launchBrowser(); const page = await browser.newPage();
 */
export async function launchBrowser(): Promise<Browser> {
  const executablePath = chromiumPath();
  if (executablePath === undefined) {
    throw new Error(
      "No Chromium found on the PATH, and CI is set, so the browser test cannot be skipped. " +
        "Install it (apt-get install -y --no-install-recommends chromium) or set CHROMIUM_PATH.",
    );
  }
  return chromium.launch({ executablePath, headless: true, args: ARGS });
}
