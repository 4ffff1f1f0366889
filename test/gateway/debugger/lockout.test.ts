import { execFile } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { expect, it } from "vitest";
import { MAX_WRONG_SECRETS } from "../../../gateway/debugger/guard.ts";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");
const script = path.join("test", "gateway", "debugger", "lockout-run.ts");

interface Seen {
  guesses: number[];
  page: { status: number; text: string };
  console: number;
  sameSecret: boolean;
  another: number;
}

it("locks locals and the console after too many wrong secrets, until the server restarts", async () => {
  // In a process of its own (lockout-run.ts says why).
  const { stdout } = await promisify(execFile)(process.execPath, ["--import", "tsx", script], {
    cwd: root,
  });
  const seen = JSON.parse(stdout) as Seen;
  expect(seen.guesses).toEqual(Array(MAX_WRONG_SECRETS).fill(403));
  expect(seen.page.status, "the right secret, once locked").toBe(403);
  expect(seen.page.text).toContain("locked");
  expect(seen.console, "the console, once locked").toBe(403);
  expect(seen.sameSecret, "every debugger of the process shares the secret, and the lock").toBe(
    true,
  );
  expect(seen.another, "another debugger of the same process").toBe(403);
});
