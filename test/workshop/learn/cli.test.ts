import { spawn } from "node:child_process";
import { once } from "node:events";
import { copyFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FixtureRepo } from "../../fixtures/fixture-repo.ts";
import { makeFixtureRepo, projectRoot } from "../../fixtures/fixture-repo.ts";
import { servingRunner } from "../../support/learn.ts";
import { until } from "../../support/until.ts";

const cli = path.join(projectRoot, "workshop", "learn", "cli.ts");

/** `npm run learn -- ...args` as a process whose stdin is a pipe, never a terminal. */
function startLearn(...args: string[]) {
  const child = spawn(process.execPath, ["--import", "tsx", cli, ...args], {
    cwd: projectRoot,
    stdio: ["pipe", "pipe", "inherit"],
  });
  let stdout = "";
  child.stdout.on("data", (chunk: Buffer) => {
    stdout += chunk.toString();
  });
  const exited = once(child, "close").then(([code]) => code as number | null);
  return { child, stdout: () => stdout, exited };
}

/** Runs `npm run learn -- ...args` to the end, its stdin closed at once. */
async function learn(...args: string[]): Promise<{ code: number | null; stdout: string }> {
  const run = startLearn(...args);
  run.child.stdin.end();
  return { code: await run.exited, stdout: run.stdout() };
}

let repo: FixtureRepo;

beforeAll(async () => {
  repo = await makeFixtureRepo({ commit: false });
});

afterAll(async () => {
  await repo?.remove();
});

// Each command that runs a test shares the checkout's runner with the others: they take turns,
// so that the watch mode hosts it when a second learn asks.
describe("the learn command line, without a terminal", () => {
  it("checks one exercise, says what is wrong, and exits 1 when it is not solved", async () => {
    const { code, stdout } = await learn("check", "01-shout", "--root", repo.root);
    expect(code).toBe(1);
    expect(stdout).toContain("✗ 01-shout not solved yet: Shout a word");
    expect(stdout).toContain("starter/01-basics/shout.ts must export a function named shout");
  });

  it("explains itself and exits 0 when asked to watch with no terminal", async () => {
    const { code, stdout } = await learn("--root", repo.root);
    expect(code).toBe(0);
    expect(stdout).toContain("needs a terminal");
  });

  it("watches when forced: hints on h, reruns on save, moves on, and ends with its input, never hanging", async () => {
    const watch = startLearn("watch", "--root", repo.root);
    const screen = watch.stdout;
    try {
      await until(() => screen().endsWith("q quit\n"), "the first screen");
      expect(screen()).toContain("01-greet  Greet someone by name");
      // A second learn finds the first one's runner and sends its run there.
      const tree = path.join(repo.root, "starter");
      const before = await servingRunner(repo.root, tree);
      const check = await learn("check", "02-count", "--root", repo.root);
      expect(check.stdout).toContain("✗ 02-count not solved yet");
      expect(await servingRunner(repo.root, tree)).toEqual({ ...before, runs: before.runs + 1 });
      watch.child.stdin.write("h");
      await until(() => screen().includes("Hint 1/2: Use a template literal."), "the hint");
      const greet = path.join("01-basics", "greet.ts");
      copyFileSync(
        path.join(repo.root, "solutions", greet),
        path.join(repo.root, "starter", greet),
      );
      await until(() => screen().includes("✓ 01-greet solved! Next: 01-shout."), "the move on");
      await until(() => screen().endsWith("q quit\n"), "the next exercise");
      expect(screen().slice(screen().lastIndexOf("solved!"))).toContain("01-shout  Shout a word");
    } catch (error) {
      watch.child.kill();
      throw error;
    }
    watch.child.stdin.end();
    expect(await watch.exited).toBe(0);
    expect(screen()).toContain("Bye!");
  });
});
