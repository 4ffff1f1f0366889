import { describe, expect, it } from "vitest";
import {
  createPaint,
  plain,
  progressBar,
  renderAllSolved,
  renderCheck,
  renderExercise,
  renderList,
  renderListEnd,
  renderRow,
} from "../../../workshop/learn/render.ts";
import type { TestOutcome } from "../../../workshop/learn/run-test.ts";
import type { Exercise } from "../../../workshop/manifest.ts";

const greet: Exercise = {
  id: "01-greet",
  lesson: "01-basics",
  file: "01-basics/greet.ts",
  test: "test/exercises/01-basics/greet.test.ts",
  title: "Greet someone",
  hints: ["Use a template literal.", "Read lessons/01-basics/README.md, 'Exercise: greet'."],
};
const shout: Exercise = { ...greet, id: "01-shout", file: "01-basics/shout.ts", title: "Shout" };
const failed: TestOutcome = {
  passed: false,
  failure: {
    test: "01-greet > greets by name",
    message: 'greet("Ada") must return "Hello, Ada!"',
    where: "starter/01-basics/greet.ts:8",
  },
  output: "debug line\n",
};
const results = new Map<string, TestOutcome>([
  ["01-greet", failed],
  ["01-shout", { passed: true, output: "" }],
]);

describe("progressBar", () => {
  it("fills in proportion, in ASCII", () => {
    expect(progressBar(0, 4, 8)).toBe("[--------] 0/4 solved");
    expect(progressBar(1, 4, 8)).toBe("[#>------] 1/4 solved");
    expect(progressBar(4, 4, 8)).toBe("[########] 4/4 solved");
    expect(progressBar(0, 0, 8)).toBe("[--------] 0/0 solved");
  });
});

describe("renderExercise", () => {
  const view = { exercise: greet, list: [greet, shout], results, task: "Greet.", checking: false };

  it("shows progress, title, file, task, the failure, and the keys", () => {
    const text = renderExercise({ ...view, hintsShown: 0 }, plain);
    expect(text).toContain("1/2 solved");
    expect(text).toContain("01-greet  Greet someone");
    expect(text).toContain("Edit starter/01-basics/greet.ts and save");
    expect(text).toContain("In the browser: http://127.0.0.1:8000/exercises/01-greet");
    expect(text).toContain("  Greet.");
    expect(text).toContain(
      '✗ 01-greet > greets by name\n  greet("Ada") must return "Hello, Ada!"\n  at starter/01-basics/greet.ts:8',
    );
    expect(text).toContain("Your code printed:\n  debug line");
    expect(text).toContain("h hint · s next solution step · l list · r rerun · q quit");
    expect(text).not.toContain("Hint 1/2");
  });

  it("shows only the hints asked for, numbered", () => {
    const text = renderExercise({ ...view, hintsShown: 1 }, plain);
    expect(text).toContain("Hint 1/2: Use a template literal.");
    expect(text).not.toContain("Hint 2/2");
  });

  it("says Checking while the test runs, and that it still runs on a busy machine", () => {
    expect(renderExercise({ ...view, hintsShown: 0, checking: true }, plain)).toContain(
      "Checking...",
    );
    expect(renderExercise({ ...view, hintsShown: 0, checking: true, busy: true }, plain)).toContain(
      "Checking... still running (the machine is busy)",
    );
  });

  it("shows the solution steps asked for, below the hints", () => {
    const text = renderExercise({ ...view, hintsShown: 1, steps: ["Step 1/2 of 01-greet"] }, plain);
    expect(text.indexOf("Step 1/2 of 01-greet")).toBeGreaterThan(text.indexOf("Hint 1/2"));
  });
});

describe("renderList", () => {
  it("marks each exercise solved or not, and points at the current one", () => {
    expect(renderList([greet, shout], results, { paint: plain, current: "01-greet" })).toBe(
      "Exercises  [##############>---------------] 1/2 solved\n\n> ✗ 01-greet  Greet someone\n  ✓ 01-shout  Shout\n",
    );
  });
});

describe("renderRow and renderListEnd", () => {
  it("make the list a row at a time, for rows printed as their tests finish", () => {
    const rows = [greet, shout].map((each) =>
      renderRow(each, results.get(each.id), { paint: plain, current: "01-greet", width: 8 }),
    );
    expect(rows.join("") + renderListEnd([greet, shout], results, plain)).toBe(
      "> ✗ 01-greet  Greet someone\n  ✓ 01-shout  Shout\n\nExercises  [##############>---------------] 1/2 solved\n",
    );
  });
});

describe("renderCheck", () => {
  it("says solved, or what failed and where to edit", () => {
    expect(renderCheck(shout, { passed: true, output: "" }, plain)).toBe(
      "✓ 01-shout solved: Shout\n",
    );
    const text = renderCheck(greet, failed, plain);
    expect(text).toContain(
      "✗ 01-greet not solved yet: Greet someone\nEdit starter/01-basics/greet.ts.",
    );
    expect(text).toContain('greet("Ada") must return "Hello, Ada!"');
    expect(text).toContain(
      "Its page, with hints and a live verdict: http://127.0.0.1:8000/exercises/01-greet",
    );
  });
});

describe("renderAllSolved", () => {
  it("congratulates", () => {
    expect(renderAllSolved([shout], results, plain)).toContain("✓ All 1 exercises solved.");
  });
});

describe("createPaint", () => {
  it("colours only when enabled", () => {
    expect(createPaint(true).green("ok")).toBe("\x1b[32mok\x1b[39m");
    expect(createPaint(false).green("ok")).toBe("ok");
  });
});
