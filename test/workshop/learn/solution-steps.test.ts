import { readFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { shippedStarter } from "../../../workshop/learn/shipped-starter.ts";
import {
  applySteps,
  type SolutionStep,
  solutionSteps,
  withoutMarkers,
} from "../../../workshop/learn/solution-steps.ts";
import { type Exercise, exercises } from "../../../workshop/manifest.ts";
import { projectRoot } from "../../fixtures/fixture-repo.ts";
import { referenceAnswersLeftOut } from "../../reference-answers.ts";

const starter = ["function greet(name) {", "  // TODO: greet", "  return '';", "}", ""].join("\n");

describe("solutionSteps", () => {
  it("makes each zero-context hunk of the diff a step: where it goes, the lines out and in", () => {
    const solution = [
      "// greets",
      "function greet(name) {",
      "  return 'Hello, ' + name + '!';",
      "}",
      "",
    ];
    expect(solutionSteps(starter, solution.join("\n"))).toEqual([
      { number: 1, total: 2, title: undefined, line: 1, removed: [], added: ["// greets"] },
      {
        number: 2,
        total: 2,
        title: undefined,
        line: 2,
        removed: ["  // TODO: greet", "  return '';"],
        added: ["  return 'Hello, ' + name + '!';"],
      },
    ]);
  });

  it("cuts a hunk where the solution has a step marker, and names each step after its marker", () => {
    const solution = [
      "function greet(name) {",
      "  // Step: pick the name.",
      "  const who = name || 'World';",
      "  // Step: greet it.",
      "  return 'Hello, ' + who + '!';",
      "}",
      "",
    ].join("\n");
    const steps = solutionSteps(starter, solution);
    expect(
      steps.map(({ title, line, removed, added }) => ({ title, line, removed, added })),
    ).toEqual([
      {
        title: "pick the name.",
        line: 2,
        removed: ["  // TODO: greet", "  return '';"],
        added: ["  const who = name || 'World';"],
      },
      { title: "greet it.", line: 4, removed: [], added: ["  return 'Hello, ' + who + '!';"] },
    ]);
    expect(applySteps(starter, steps)).toBe(withoutMarkers(solution).text);
    expect(applySteps(starter, steps, 1)).toContain("const who");
    expect(applySteps(starter, steps, 1)).not.toContain("Hello");
  });

  it("sees no step in line ends that a Windows checkout changed", () => {
    expect(solutionSteps(starter, starter.replaceAll("\n", "\r\n"))).toEqual([]);
  });
});

// The workshop's own exercises: the proof that the steps are the whole answer.
describe.skipIf(referenceAnswersLeftOut)("the workshop's solutions, cut into steps", () => {
  let cases: Array<{
    exercise: Exercise;
    shipped: string;
    reference: string;
    steps: SolutionStep[];
  }>;

  beforeAll(async () => {
    cases = await Promise.all(
      exercises.map(async (exercise) => {
        const shipped = (await shippedStarter(projectRoot, exercise.file)).toString("utf8");
        const reference = readFileSync(path.join(projectRoot, "solutions", exercise.file), "utf8");
        return { exercise, shipped, reference, steps: solutionSteps(shipped, reference) };
      }),
    );
  });

  it("give each exercise's solution, markers aside, when applied to the starter as shipped", () => {
    for (const { exercise, shipped, reference, steps } of cases) {
      expect(steps.length, exercise.id).toBeGreaterThan(0);
      expect(applySteps(shipped, steps), exercise.id).toBe(
        withoutMarkers(reference).text.replaceAll("\r\n", "\n"),
      );
    }
  });

  it("are more than one step wherever the solution has more than one idea", () => {
    // The single-step exercises each change one thing: one call, one condition, one order.
    const oneIdea = ["05-add-header", "09-order-the-stack", "10-fix-the-invoice"];
    for (const { exercise, steps } of cases) {
      expect(steps.length === 1, exercise.id).toBe(oneIdea.includes(exercise.id));
    }
  });
});
