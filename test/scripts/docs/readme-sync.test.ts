import path from "node:path";
import { describe, expect, it } from "vitest";
import { syncLessonReadme } from "../../../scripts/docs/lesson-readmes.ts";
import { syncReadme } from "../../../scripts/docs/readme-sync.ts";
import { projectRoot } from "../../fixtures/fixture-repo.ts";

const files: Record<string, string> = {
  "demo/app.ts": "// #region hello\nconsole.log('hello');\n// #endregion hello\nrest();\n",
  "demo/fences.md": "Some code:\n```\nx\n```\n",
};
const read = (file: string) => files[file];

describe("syncReadme", () => {
  it("leaves an up-to-date README as it is", () => {
    const root = path.join(projectRoot, "test", "fixtures", "docs");
    const readme = path.join(root, "lessons", "01-demo", "README.md");
    const { readme: name, result } = syncLessonReadme(root, readme);
    expect(name).toBe("lessons/01-demo/README.md");
    expect(result).toMatchObject({ blocks: 3, stale: [], problems: [] });
  });

  it("rewrites a block that differs from its region, keeping its language", () => {
    const markdown = "# T\n\n<!-- code: demo/app.ts#hello -->\n```js\nold();\n```\nafter\n";
    const result = syncReadme(markdown, read);
    expect(result.stale).toEqual([{ line: 3, reference: "demo/app.ts#hello" }]);
    expect(result.text).toBe(
      "# T\n\n<!-- code: demo/app.ts#hello -->\n```js\nconsole.log('hello');\n```\nafter\n",
    );
  });

  it("fills the block after blank lines, keeping them", () => {
    const markdown = "<!-- code: demo/app.ts#hello -->\n\n```ts\nold\n```\n";
    expect(syncReadme(markdown, read).text).toBe(
      "<!-- code: demo/app.ts#hello -->\n\n```ts\nconsole.log('hello');\n```\n",
    );
  });

  it("adds the block after a reference that has none, its language from the extension", () => {
    const result = syncReadme("<!-- code: demo/app.ts -->\ntext\n", read);
    expect(result.stale).toHaveLength(1);
    expect(result.text).toBe(
      "<!-- code: demo/app.ts -->\n```ts\nconsole.log('hello');\nrest();\n```\ntext\n",
    );
  });

  it("reports a missing file or region with its line, and leaves that block alone", () => {
    const markdown =
      "<!-- code: demo/gone.ts -->\n```ts\nkept\n```\n<!-- code: demo/app.ts#nope -->\n";
    const result = syncReadme(markdown, read);
    expect(result.problems).toEqual([
      { line: 1, reference: "demo/gone.ts", problem: "demo/gone.ts does not exist" },
      {
        line: 5,
        reference: "demo/app.ts#nope",
        problem:
          'demo/app.ts has no region "nope" (its regions: hello; mark one with "// #region nope")',
      },
    ]);
    expect(result.text).toBe(markdown);
  });

  it("reports a block that never closes instead of swallowing the rest", () => {
    const markdown = "<!-- code: demo/app.ts#hello -->\n```ts\nold\n\n## Next section\n";
    const result = syncReadme(markdown, read);
    expect(result.problems.map((p) => p.problem)).toEqual(["the code block after it never closes"]);
    expect(result.text).toBe(markdown);
  });

  it("leaves references inside other code blocks alone", () => {
    const markdown = "```md\n<!-- code: demo/gone.ts -->\n```\n";
    expect(syncReadme(markdown, read)).toEqual({
      text: markdown,
      blocks: 0,
      stale: [],
      problems: [],
    });
  });

  it("keeps Windows line endings and indented blocks", () => {
    const markdown =
      "1. Step:\r\n\r\n   <!-- code: demo/app.ts#hello -->\r\n   ```ts\r\n   old\r\n   ```\r\n";
    expect(syncReadme(markdown, read).text).toBe(
      "1. Step:\r\n\r\n   <!-- code: demo/app.ts#hello -->\r\n   ```ts\r\n   console.log('hello');\r\n   ```\r\n",
    );
  });

  it("uses a longer fence when the code itself holds one", () => {
    const result = syncReadme("<!-- code: demo/fences.md -->\n", read);
    expect(result.text).toBe(
      "<!-- code: demo/fences.md -->\n````md\nSome code:\n```\nx\n```\n````\n",
    );
  });
});
