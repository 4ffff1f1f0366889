import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Instructor } from "../../../workshop/instructor/instructor.ts";
import type { Part, Presentation } from "../../../workshop/instructor/presentation.ts";
import type { Exercise } from "../../../workshop/manifest.ts";
import { loadManifest } from "../../../workshop/manifest-check.ts";
import { type FixtureRepo, makeFixtureRepo } from "../../fixtures/fixture-repo.ts";

let repo: FixtureRepo;
let greet: Exercise;
let shout: Exercise;

beforeAll(async () => {
  repo = await makeFixtureRepo();
  [greet, shout] = (await loadManifest(repo.root)) as Exercise[];
});
afterAll(() => repo.remove());

/** Resolves when `presentation` next says `part` changed and `done()` holds. */
function heard(presentation: Presentation, part: Part, done: () => boolean = () => true) {
  return new Promise<void>((resolve) => {
    const stop = presentation.subscribe((changed) => {
      if (changed !== part || !done()) return;
      stop();
      resolve();
    });
  });
}

describe("a presentation", () => {
  it("steps through the solution in a scratch copy, with the test run after each step", async () => {
    const instructor = new Instructor(repo.root, { leaveGraceMs: 60_000 });
    const own = path.join(repo.root, "starter", "01-basics", "greet.ts");
    const before = readFileSync(own, "utf8");
    const presentation = await instructor.start(greet as Exercise);
    const leave = instructor.attach();
    try {
      expect(presentation.step).toBe(0);
      expect(presentation.text).toBe(before);
      const scratchFile = path.join(presentation.folder, "starter", "01-basics", "greet.ts");
      const checked = () => presentation.verdict.state === "checked";
      if (!checked()) await heard(presentation, "verdict", checked);
      expect(presentation.verdict).toMatchObject({ state: "checked", outcome: { passed: false } });

      const passes = heard(presentation, "verdict", checked);
      await presentation.goTo(1);
      // biome-ignore lint/suspicious/noTemplateCurlyInString: the learner's code holds a template literal
      expect(readFileSync(scratchFile, "utf8")).toContain("return `Hello, ${name}!`;");
      await passes;
      expect(presentation.verdict).toMatchObject({ state: "checked", outcome: { passed: true } });
      expect(presentation.demo).toEqual({
        state: "failed",
        command: "",
        reason: "the manifest names no demo",
      });

      await presentation.goTo(0);
      expect(readFileSync(scratchFile, "utf8")).toBe(before);
      expect(readFileSync(own, "utf8")).toBe(before);
      await expect(presentation.goTo(2)).rejects.toThrow("has steps 0 to 1, not 2");
    } finally {
      leave();
      await instructor.close();
    }
    expect(existsSync(presentation.folder)).toBe(false);
  });

  it("ends when its page has left, and when another exercise starts", async () => {
    const instructor = new Instructor(repo.root, { leaveGraceMs: 0 });
    try {
      const first = await instructor.start(greet as Exercise);
      const again = await instructor.start(greet as Exercise);
      expect(again).toBe(first);
      const firstEnded = heard(first, "ended");
      const second = await instructor.start(shout as Exercise);
      await firstEnded;
      expect(instructor.current(greet as Exercise)).toBeUndefined();
      expect(existsSync(first.folder)).toBe(false);

      const secondEnded = heard(second, "ended");
      instructor.attach()();
      await secondEnded;
      expect(instructor.current(shout as Exercise)).toBeUndefined();
      expect(existsSync(second.folder)).toBe(false);
    } finally {
      await instructor.close();
    }
  });
});
