import { copyFileSync } from "node:fs";
import path from "node:path";
import { PassThrough, Writable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { LearnIO } from "../../../workshop/learn/commands.ts";
import { learn } from "../../../workshop/learn/commands.ts";
import type { FixtureRepo } from "../../fixtures/fixture-repo.ts";
import { makeFixtureRepo } from "../../fixtures/fixture-repo.ts";

class Collect extends Writable {
  text = "";
  override _write(chunk: Buffer, _encoding: string, done: () => void) {
    this.text += chunk.toString();
    done();
  }
}

/** Plain streams: no terminal on either side. */
function streams() {
  const output = new Collect();
  const errors = new Collect();
  const io: LearnIO = { input: new PassThrough(), output, errors, env: {} };
  return { io, output, errors };
}

let repo: FixtureRepo;

beforeAll(async () => {
  repo = await makeFixtureRepo({ commit: false });
  // One exercise solved, so the list shows both marks and points past it.
  const greet = path.join("01-basics", "greet.ts");
  copyFileSync(path.join(repo.root, "solutions", greet), path.join(repo.root, "starter", greet));
});

afterAll(async () => {
  await repo?.remove();
});

// Each command that runs tests starts its own Vitest (about a second): the
// command line test (cli.test.ts) covers a check that fails and the watch mode.
describe("npm run learn -- list", () => {
  it("prints every exercise with its status and the progress, with no terminal", async () => {
    const { io, output } = streams();
    expect(await learn(["list", "--root", repo.root], io)).toBe(0);
    expect(output.text).toBe(
      [
        "Exercises  [#########>--------------------] 1/3 solved",
        "",
        "  ✓ 01-greet  Greet someone by name",
        "> ✗ 01-shout  Shout a word",
        "  ✗ 02-count  Count the words",
        "",
      ].join("\n"),
    );
  });
});

describe("npm run learn -- check ID", () => {
  it("exits 0 when it is solved, in the tree --tree names", async () => {
    const { io, output } = streams();
    expect(await learn(["check", "02-count", "--root", repo.root, "--tree", "solutions"], io)).toBe(
      0,
    );
    expect(output.text).toBe("✓ 02-count solved: Count the words\n");
  });

  it("exits 2 for an unknown id or a missing one", async () => {
    const unknown = streams();
    expect(await learn(["check", "99-nope", "--root", repo.root], unknown.io)).toBe(2);
    expect(unknown.errors.text).toContain('There is no exercise "99-nope"');
    const missing = streams();
    expect(await learn(["check", "--root", repo.root], missing.io)).toBe(2);
  });
});

describe("npm run learn with no command", () => {
  it("explains what to run instead when there is no terminal, and exits 0", async () => {
    const { io, output } = streams();
    expect(await learn(["--root", repo.root], io)).toBe(0);
    expect(output.text).toContain("npm run learn -- list");
    expect(output.text).toContain("npm run learn -- check ID");
  });

  it("refuses an unknown command or option with the usage", async () => {
    for (const args of [["dance"], ["--colour"], ["list", "extra"]]) {
      const { io, errors } = streams();
      expect(await learn([...args, "--root", repo.root], io)).toBe(2);
      expect(errors.text).toContain("Usage: npm run learn");
    }
  });
});
