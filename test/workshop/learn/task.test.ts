import { describe, expect, it } from "vitest";
import { taskOf } from "../../../workshop/learn/task.ts";

describe("taskOf", () => {
  it("returns the opening block comment without its stars", () => {
    const source =
      '/**\n * Exercise: greet.\n *\n *   greet("Ada")\n */\nexport function greet() {}\n';
    expect(taskOf(source)).toBe('Exercise: greet.\n\n  greet("Ada")');
  });

  it("returns opening line comments", () => {
    expect(taskOf("// Count the words.\n// Use words().\nexport const x = 1;\n")).toBe(
      "Count the words.\nUse words().",
    );
  });

  it("reads a one-line block comment and Windows line endings", () => {
    expect(taskOf("/* Shout. */\r\nexport {};\r\n")).toBe("Shout.");
  });

  it("returns nothing when the file opens with code", () => {
    expect(taskOf("export const x = 1; // not a task\n")).toBe("");
  });
});
