import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { RULES, type RuleId, ValidationError } from "../../../gateway/validator/index.ts";

const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, "..", "..", "..");
const ids = Object.keys(RULES) as RuleId[];

/** Every test file beside this one, as text. */
function testSources(): string {
  const files = readdirSync(here).filter((name) => name.endsWith(".test.ts"));
  return files.map((name) => readFileSync(path.join(here, name), "utf8")).join("\n");
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

describe("the validator's checklist", () => {
  it.each(ids)("gives rule %s a message in the one shape every rule uses", (id) => {
    const { message } = new ValidationError(id, "something");
    expect(message).toMatch(
      /^Validation failed: .+ \(PEP 3333, ".+"\)\. Got something\. Hint: .+\. Read: lessons\/\d\d-[a-z-]+\/README\.md, ".+"\.$/,
    );
  });

  it.each(ids)("keeps the hint of rule %s to one line, ending without a full stop", (id) => {
    expect(RULES[id].hint).not.toMatch(/\n|\.$/);
  });

  it("has a test proving that each rule fires", () => {
    const sources = testSources();
    const expected = (id: RuleId) => new RegExp(`toBe\\(\\s*"${id}"`).test(sources);
    const untested = ids.filter((id) => id !== "unknown-method" && !expected(id));
    expect(untested, "every rule needs a broken app (or server) whose test expects it").toEqual([]);
  });

  it("points each rule at a heading of its lesson, once that lesson's README is written", () => {
    const missing = ids.flatMap((id) => {
      const { lesson, heading } = RULES[id];
      const readme = path.join(repoRoot, "lessons", lesson, "README.md");
      if (!existsSync(readme)) return [];
      const headingLine = new RegExp(
        `^#{1,6}\\s+(?:\\d+\\.\\s+)?${escapeRegExp(heading)}\\s*$`,
        "m",
      );
      return headingLine.test(readFileSync(readme, "utf8"))
        ? []
        : [`${lesson}: "${heading}" (rule ${id})`];
    });
    expect(
      missing,
      "these lesson READMEs lack the heading the validator's messages point at",
    ).toEqual([]);
  });
});
