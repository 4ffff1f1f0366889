/**
 * A copy of the workshop handed out without its reference answers (no `solutions/`), as
 * instructors often do: everything a learner runs there says what is missing and what to run
 * instead, and `npm test` runs the rest. Each test runs the real command in a copy of this tree.
 */
import { execFile } from "node:child_process";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { copyThisCheckout, type FixtureRepo } from "../fixtures/fixture-repo.ts";

let copy: FixtureRepo;

beforeAll(() => {
  copy = copyThisCheckout({ leaveOut: ["solutions"] });
});

afterAll(async () => {
  await copy?.remove();
});

/** Runs a program of the copy, as a learner (no CI) unless `env` says otherwise, without colour. */
function runInCopy(
  args: string[],
  env: Record<string, string> = {},
): Promise<{ code: number; stdout: string; stderr: string }> {
  const { CI: _ci, FORCE_COLOR: _color, ...learner } = process.env;
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      args,
      { cwd: copy.root, env: { ...learner, NO_COLOR: "1", ...env } },
      (error, stdout, stderr) => resolve({ code: error ? Number(error.code) : 0, stdout, stderr }),
    );
  });
}

const vitest = () => path.join(copy.root, "node_modules", "vitest", "vitest.mjs");
const missing = "the reference answers are not in this copy (there is no solutions/ folder)";

describe("a copy without solutions/", () => {
  it("runs npm test's other tests, and says once that the reference answers are left out", async () => {
    const files = [
      "test/workshop/manifest.test.ts",
      "test/exercises/05-function-middleware/add-header.test.ts",
      "test/workshop/learn/render.test.ts",
    ];
    const { code, stdout } = await runInCopy([vitest(), "run", ...files]);
    expect(code, stdout).toBe(0);
    expect(stdout.split(`Note: ${missing}.`)).toHaveLength(2);
    expect(stdout).toContain("test/workshop/learn/render.test.ts");
    expect(stdout).not.toContain("add-header.test.ts");
    expect(stdout).toMatch(/Tests\s+\d+ passed \| 1 skipped/);
  });

  it("fails npm test under CI=true, saying why", async () => {
    // The copy's own global setup, as Vitest runs it before any test file.
    const setup = path.join(copy.root, "test", "reference-answers.ts");
    const { default: checkReferenceAnswers } = (await import(pathToFileURL(setup).href)) as {
      default: () => void;
    };
    const ci = process.env.CI;
    process.env.CI = "true";
    try {
      expect(checkReferenceAnswers).toThrow(`${missing}: under CI=true the tests must check them.`);
    } finally {
      if (ci === undefined) delete process.env.CI;
      else process.env.CI = ci;
    }
  });

  it("says what is missing and what to run instead for npm run signin -- --solution and npm run demo -- 11", async () => {
    const signin = await runInCopy(["--import", "tsx", "workshop/signin.ts", "--solution"]);
    expect(signin).toMatchObject({
      code: 1,
      stderr: `npm run signin -- --solution: ${missing}. Run npm run signin (your own sign-in app, in starter/signin/) instead.\n`,
    });
    const demo = await runInCopy(["--import", "tsx", "workshop/demo.ts", "11"]);
    expect(demo).toMatchObject({
      code: 1,
      stderr: `npm run demo -- 11: ${missing}. Run npm run signin (your own sign-in app) instead.\n`,
    });
  });

  it("still checks a learner's exercises, and says the solution is not there to show", async () => {
    const check = await runInCopy([
      "--import",
      "tsx",
      "workshop/learn/cli.ts",
      "check",
      "05-add-header",
    ]);
    expect(check.code).toBe(1);
    expect(check.stdout).toContain("the answer has no X-Powered-By header");
    const solution = await runInCopy([
      "--import",
      "tsx",
      "workshop/learn/cli.ts",
      "solution",
      "05-add-header",
    ]);
    expect(solution).toMatchObject({
      code: 1,
      stderr: `npm run learn -- solution: ${missing}\n`,
    });
  });
});
