import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { shippedStarter } from "../../../workshop/learn/shipped-starter.ts";
import type { FixtureRepo } from "../../fixtures/fixture-repo.ts";
import { makeFixtureRepo } from "../../fixtures/fixture-repo.ts";

const greet = "01-basics/greet.ts";

/** git, as in a learner's clone: no GIT_* variables from a hook around us, a made-up name. */
function git(cwd: string, ...args: string[]): void {
  const env = Object.fromEntries(
    Object.entries(process.env).filter(([name]) => !name.startsWith("GIT_")),
  );
  const identity = ["-c", "user.name=Learner", "-c", "user.email=learner@example.invalid"];
  const safety = ["-c", "commit.gpgsign=false", "-c", "core.hooksPath=.no-hooks"];
  execFileSync("git", [...identity, ...safety, ...args], { cwd, env, stdio: "ignore" });
}

let upstream: FixtureRepo;
let folder: string;
let clone: string;

beforeAll(async () => {
  upstream = await makeFixtureRepo();
  folder = mkdtempSync(path.join(tmpdir(), "learner-clone-"));
  clone = path.join(folder, "workshop");
  git(folder, "clone", "--quiet", upstream.root, clone);
}, 60_000);

afterAll(async () => {
  await upstream?.remove();
  rmSync(folder, { recursive: true, force: true });
});

describe("shippedStarter", () => {
  it("reads the class's copy (origin/HEAD) in a clone, whatever the learner committed since", async () => {
    const shipped = (await shippedStarter(clone, greet)).toString();
    writeFileSync(path.join(clone, "starter", greet), "// committed by the learner\n");
    git(clone, "commit", "--quiet", "--all", "--message", "my work");
    expect((await shippedStarter(clone, greet)).toString()).toBe(shipped);
    expect(shipped).toContain("TODO: put the name in the greeting.");
  });

  it("reads HEAD in a repository that was never cloned", async () => {
    expect((await shippedStarter(upstream.root, greet)).toString()).toContain("TODO");
  });

  it("says a file that git never had was not shipped", async () => {
    await expect(shippedStarter(upstream.root, "01-basics/new.ts")).rejects.toMatchObject({
      reason: "not-shipped",
      message: expect.stringContaining("starter/01-basics/new.ts is not in git's HEAD"),
    });
  });
});
