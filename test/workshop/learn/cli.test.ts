import { spawn } from "node:child_process";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FixtureRepo } from "../../fixtures/fixture-repo.ts";
import { makeFixtureRepo, projectRoot } from "../../fixtures/fixture-repo.ts";

const cli = path.join(projectRoot, "workshop", "learn", "cli.ts");

/** Runs `npm run learn -- ...args` as a process whose stdin is not a terminal (closed at once). */
function learn(...args: string[]): Promise<{ code: number | null; stdout: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", cli, ...args], {
      cwd: projectRoot,
      stdio: ["pipe", "pipe", "inherit"],
    });
    let stdout = "";
    child.stdout.on("data", (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout }));
    child.stdin.end();
  });
}

let repo: FixtureRepo;

beforeAll(async () => {
  repo = await makeFixtureRepo({ commit: false });
});

afterAll(async () => {
  await repo?.remove();
});

describe("the learn command line, without a terminal", () => {
  it("lists the exercises and exits 0", async () => {
    const { code, stdout } = await learn("list", "--root", repo.root);
    expect(code).toBe(0);
    expect(stdout).toContain("0/3 solved");
  }, 30_000);

  it("checks one exercise and exits 1 when it is not solved", async () => {
    const { code, stdout } = await learn("check", "01-greet", "--root", repo.root);
    expect(code).toBe(1);
    expect(stdout).toContain('greet("Ada") must return "Hello, Ada!"');
  }, 30_000);

  it("explains itself and exits 0 when asked to watch with no terminal", async () => {
    const { code, stdout } = await learn("--root", repo.root);
    expect(code).toBe(0);
    expect(stdout).toContain("needs a terminal");
  }, 30_000);

  it("ends the forced watch mode when its input ends, never hanging", async () => {
    const { code, stdout } = await learn("watch", "--root", repo.root);
    expect(code).toBe(0);
    expect(stdout).toContain("Bye!");
  }, 30_000);
});
