import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { shippedStarter } from "../../../workshop/learn/shipped-starter.ts";
import type { FixtureRepo } from "../../fixtures/fixture-repo.ts";
import { git, makeFixtureRepo } from "../../fixtures/fixture-repo.ts";

const greet = "01-basics/greet.ts";

let upstream: FixtureRepo;
let folder: string;
let clone: string;

beforeAll(async () => {
  upstream = await makeFixtureRepo();
  folder = mkdtempSync(path.join(tmpdir(), "learner-clone-"));
  clone = path.join(folder, "workshop");
  git(folder, "clone", "--quiet", upstream.root, clone);
});

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
