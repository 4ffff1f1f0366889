/**
 * Every exercise's demo, as the instructor's mode runs it: from a copy of the workshop, on a
 * free port, answering the page the manifest names. Once with the starter as shipped (the
 * first step of a presentation) and once with the reference solutions in its place (the
 * last). Each demo program starts once per copy and answers the pages of all its exercises.
 */
import { cpSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fetchSample, type Sample, startDemo } from "../../../workshop/instructor/demo-process.ts";
import { type Exercise, exercises } from "../../../workshop/manifest.ts";
import { copyThisCheckout, type FixtureRepo } from "../../fixtures/fixture-repo.ts";

/** The exercises by the demo that shows them: `npm run demo -- 9 exercise` shows three. */
const byDemo = new Map<string, Exercise[]>();
for (const exercise of exercises) {
  const command = exercise.demo?.command.join(" ") ?? "";
  byDemo.set(command, [...(byDemo.get(command) ?? []), exercise]);
}

/** Starts each demo once in `root`, and fetches the page of each of its exercises. */
async function sampleAll(root: string): Promise<Map<string, Sample>> {
  const samples = new Map<string, Sample>();
  for (const list of byDemo.values()) {
    const [first] = list as [Exercise];
    if (first.demo === undefined) continue;
    const demo = startDemo(root, first.demo);
    try {
      const url = (await demo.listening).replace(/\/$/, "");
      for (const exercise of list) {
        samples.set(exercise.id, await fetchSample(`${url}${exercise.demo?.path}`));
      }
    } finally {
      await demo.stop();
    }
  }
  return samples;
}

/**
 * Exercises whose change a single GET cannot show: the form's answer to a POST, what a
 * signed-in user sees, and a count shared by two workers (the first request counts 1 either
 * way; the second tells them apart). The instructor follows the demo's link and uses the page
 * by hand.
 */
const SHOWN_BY_HAND = ["03-echo-form", "11-session-user", "11-sign-out", "13-shared-counter"];

/** What the class sees of an answer, without what changes on every request (the date, tokens). */
function shown(sample: Sample): string {
  const headers = sample.headers
    .filter(([name]) => name !== "date")
    .map(([name, value]) => [name, name === "set-cookie" ? "…" : value]);
  const body = sample.body.replace(/value="[\w-]{16,}"/g, 'value="…"');
  return JSON.stringify([sample.status, headers, body]);
}

describe("every exercise's demo, run from a copy as the instructor's mode runs it", () => {
  let copy: FixtureRepo;
  beforeAll(() => {
    copy = copyThisCheckout();
  });
  afterAll(() => copy?.remove());

  it("is named in the manifest", () => {
    expect(exercises.filter((exercise) => exercise.demo === undefined)).toEqual([]);
  });

  let shipped: Map<string, Sample>;
  it("starts and answers its page with the starter as shipped", async () => {
    shipped = await sampleAll(copy.root);
    expect([...shipped.keys()]).toEqual(exercises.map((exercise) => exercise.id));
  });

  it("answers its page with the reference solution in place, and the class sees the change", async () => {
    cpSync(path.join(copy.root, "solutions"), path.join(copy.root, "starter"), { recursive: true });
    const samples = await sampleAll(copy.root);
    const notDone = [...samples].filter(([, sample]) => sample.status.startsWith("501"));
    expect(notDone.map(([id, sample]) => `${id}: ${sample.status} ${sample.body}`)).toEqual([]);
    expect(samples.size).toBe(exercises.length);
    const same = exercises
      .filter((exercise) => !SHOWN_BY_HAND.includes(exercise.id))
      .filter((exercise) => {
        const before = shipped.get(exercise.id);
        const after = samples.get(exercise.id);
        return before && after && shown(before) === shown(after);
      })
      .map((exercise) => exercise.id);
    expect(same).toEqual([]);
  });
});
