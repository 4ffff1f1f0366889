import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { exercises, exercisesOfLesson } from "../../workshop/manifest.ts";

// Each lesson's deck ends on a "Your turn" slide that names the lesson's
// exercises. These tests fail when the manifest gains, loses or renames an
// exercise and the slide was not updated.

const slidesDir = fileURLToPath(new URL("../../slides/", import.meta.url));
const lessons = [...new Set(exercises.map((exercise) => exercise.lesson))];

/** The deck's "Your turn" slide, without its speaker notes; undefined when it has none. */
function yourTurn(lesson: string): string | undefined {
  const markdown = readFileSync(join(slidesDir, `${lesson}.md`), "utf8").replace(/\r\n/g, "\n");
  // Slides are split as the deck page tells reveal.js: a "---" line between empty lines.
  const slide = markdown.split("\n\n---\n\n").find((text) => /^## Your turn$/m.test(text));
  return slide?.split(/^Note:/m)[0];
}

describe("each deck's Your turn slide", () => {
  it("is there to check: the manifest has lessons with exercises", () => {
    expect(lessons.length).toBeGreaterThan(0);
  });

  it("exists in the deck of every lesson that has exercises", () => {
    const missing = lessons.filter((lesson) => yourTurn(lesson) === undefined);
    expect(missing).toEqual([]);
  });

  it("names every exercise of its lesson, by its id in the manifest", () => {
    const unnamed = lessons.flatMap((lesson) =>
      exercisesOfLesson(lesson)
        .filter((exercise) => !new RegExp(`\\b${exercise.id}\\b`).test(yourTurn(lesson) ?? ""))
        .map((exercise) => `slides/${lesson}.md does not name ${exercise.id}`),
    );
    expect(unnamed).toEqual([]);
  });

  it("names no exercise id of its lesson that the manifest does not have", () => {
    const unknown = lessons.flatMap((lesson) => {
      const ids = new Set(exercisesOfLesson(lesson).map((exercise) => exercise.id));
      const number = lesson.slice(0, 2);
      const named = (yourTurn(lesson) ?? "").match(new RegExp(`\\b${number}-[a-z][\\w-]*`, "g"));
      return (named ?? [])
        .filter((id) => !ids.has(id))
        .map((id) => `slides/${lesson}.md names ${id}`);
    });
    expect(unknown).toEqual([]);
  });
});
