import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { describe as describeReadme, listLessons, readLesson } from "../../workshop/lessons.ts";

const lessonsDir = fileURLToPath(new URL("../fixtures/lessons/", import.meta.url));

describe("reading a README", () => {
  it("takes the title from the first level-one heading", () => {
    expect(describeReadme("## Not this\n\n# This one\n\n# Nor this").title).toBe("This one");
  });

  it("joins the first paragraph's lines into one summary, skipping code and lists", () => {
    const readme =
      "# Title\n\n```\ncode first\n```\n\n- a list\n\nThe summary\nspans two lines.\n\nMore.";
    expect(describeReadme(readme).summary).toBe("The summary spans two lines.");
  });

  it("drops a leading lesson number from the title, since the index shows it apart", () => {
    expect(describeReadme("# 05 · Middleware as functions").title).toBe("Middleware as functions");
    expect(describeReadme("# Lesson 5: Middleware").title).toBe("Middleware");
    expect(describeReadme("# 404 pages").title).toBe("404 pages");
  });

  it("sums a lesson up with the first sentence of its first paragraph", () => {
    const readme =
      "# T\n\nA middleware wraps an app, e.g. a logger. In this lesson\nyou write one.";
    expect(describeReadme(readme).summary).toBe("A middleware wraps an app, e.g. a logger.");
  });

  it("has no title and an empty summary for an empty README", () => {
    expect(describeReadme("")).toEqual({ title: undefined, summary: "" });
  });
});

describe("finding lessons", () => {
  it("finds only NN-slug folders with a README.md", async () => {
    const lessons = await listLessons(lessonsDir);
    expect(lessons.map((lesson) => lesson.slug)).toEqual([
      "01-first-steps",
      "02-second-step",
      "04-no-title",
    ]);
    expect(lessons[0]?.number).toBe("01");
  });

  it("names a lesson after its folder when its README has no title", async () => {
    const lesson = await readLesson(lessonsDir, "04-no-title");
    expect(lesson?.title).toBe("no title");
    expect(lesson?.summary).toBe("A lesson whose README has no heading.");
  });

  it("finds nothing for a folder name that is not a lesson's", async () => {
    expect(await readLesson(lessonsDir, "notes")).toBeUndefined();
    expect(await readLesson(lessonsDir, "../fixtures")).toBeUndefined();
  });
});
