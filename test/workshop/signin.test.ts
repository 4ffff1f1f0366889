/**
 * `npm run signin` (workshop/signin.ts): starts the learner's copy of the
 * sign-in app, or the reference with `--solution`, and says which.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
const children: ChildProcess[] = [];
const folders: string[] = [];

afterEach(() => {
  for (const child of children.splice(0)) child.kill();
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

/** Starts the runner with `args`, and resolves with what it printed once it listens. */
function start(args: string[]): Promise<string> {
  const data = mkdtempSync(path.join(tmpdir(), "signin-runner-"));
  folders.push(data);
  const child = spawn(
    process.execPath,
    ["--import", "tsx", "workshop/signin.ts", ...args, "--port", "0", "--data", data],
    { cwd: root, stdio: ["ignore", "pipe", "pipe"] },
  );
  children.push(child);
  return new Promise((resolve, reject) => {
    let output = "";
    const collect = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes("Press Ctrl-C to stop.")) resolve(output);
    };
    child.stdout?.on("data", collect);
    child.stderr?.on("data", collect);
    child.on("exit", (code) =>
      reject(new Error(`exited with ${code} before listening:\n${output}`)),
    );
  });
}

describe("npm run signin", () => {
  it("runs starter/signin by default, and solutions/signin with --solution", async () => {
    const [starter, solution] = await Promise.all([start([]), start(["--", "--solution"])]);
    expect(starter).toMatch(/^Sign-in app running at http:\/\/127\.0\.0\.1:\d+\/\n/);
    expect(starter).toContain("Serving starter/signin/");
    expect(solution).toContain("Serving solutions/signin/");
    const url = /running at (\S+)/.exec(solution)?.[1] ?? "";
    const home = await fetch(url);
    expect(home.status).toBe(200);
    expect(await home.text()).toContain("Sign-in workshop");
  });
});
