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

function streams(input = new PassThrough()) {
  const output = new Collect();
  const errors = new Collect();
  const io: LearnIO = { input, output, errors, env: {} };
  return { io, input, output, errors };
}

async function until(condition: () => boolean, what: string): Promise<void> {
  for (let tries = 0; tries < 3000; tries++) {
    if (condition()) return;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  throw new Error(`timed out waiting for ${what}`);
}

let repo: FixtureRepo;

beforeAll(async () => {
  repo = await makeFixtureRepo({ commit: false });
});

afterAll(async () => {
  await repo?.remove();
});

describe("npm run learn -- list", () => {
  it("prints every exercise with its status and the progress, with no terminal", async () => {
    const { io, output } = streams();
    expect(await learn(["list", "--root", repo.root], io)).toBe(0);
    expect(output.text).toBe(
      [
        "Exercises  [------------------------------] 0/3 solved",
        "",
        "> ✗ 01-greet  Greet someone by name",
        "  ✗ 01-shout  Shout a word",
        "  ✗ 02-count  Count the words",
        "",
      ].join("\n"),
    );
  }, 30_000);

  it("counts the solved ones in another tree", async () => {
    const { io, output } = streams();
    expect(await learn(["list", "--root", repo.root, "--tree", "solutions"], io)).toBe(0);
    expect(output.text).toContain("3/3 solved");
  }, 30_000);
});

describe("npm run learn -- check ID", () => {
  it("exits 1 and says what is wrong when the exercise is not solved", async () => {
    const { io, output } = streams();
    expect(await learn(["check", "01-shout", "--root", repo.root], io)).toBe(1);
    expect(output.text).toContain("✗ 01-shout not solved yet: Shout a word");
    expect(output.text).toContain("starter/01-basics/shout.ts must export a function named shout");
  }, 30_000);

  it("exits 0 when it is solved", async () => {
    const { io, output } = streams();
    expect(await learn(["check", "02-count", "--root", repo.root, "--tree", "solutions"], io)).toBe(
      0,
    );
    expect(output.text).toBe("✓ 02-count solved: Count the words\n");
  }, 30_000);

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

describe("npm run learn -- watch", () => {
  it("reruns on save, shows hints on h, moves on when solved, and quits on q", async () => {
    const watched = await makeFixtureRepo({ commit: false });
    const { io, input, output } = streams();
    const done = learn(["watch", "--root", watched.root], io);
    try {
      await until(() => output.text.includes("h hint"), "the first screen");
      expect(output.text).toContain("01-greet  Greet someone by name");
      input.write("h");
      await until(() => output.text.includes("Hint 1/2: Use a template literal."), "the hint");
      const greet = path.join("01-basics", "greet.ts");
      copyFileSync(
        path.join(watched.root, "solutions", greet),
        path.join(watched.root, "starter", greet),
      );
      await until(() => output.text.includes("✓ 01-greet solved! Next: 01-shout."), "the move on");
      await until(() => output.text.endsWith("q quit\n"), "the next exercise");
      expect(output.text.slice(output.text.lastIndexOf("solved!"))).toContain(
        "01-shout  Shout a word",
      );
      input.write("q");
      expect(await done).toBe(0);
    } finally {
      input.end();
      await done;
      await watched.remove();
    }
  }, 60_000);
});
