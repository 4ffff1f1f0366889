/**
 * The line a lesson README says `npm run learn -- check ID` prints on a pass
 * is the line it prints: renderCheck's, with the exercise's title from the
 * manifest. (A transcript would run each check's test against the reference
 * answer: this checks the same line at no cost.)
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { lessonReadmes } from "../../scripts/docs/lesson-readmes.ts";
import { plain, renderCheck } from "../../workshop/learn/render.ts";
import { findExercise } from "../../workshop/manifest.ts";
import { projectRoot } from "../fixtures/fixture-repo.ts";

/**
 * Every `✓ ID solved...` a README quotes in its prose (its line breaks read as
 * spaces), and every such line a transcript block shows.
 */
function quotedPasses(markdown: string): string[] {
  const text = markdown.replace(/\s*\n\s*/g, " ");
  const inProse = [...text.matchAll(/`(✓ \d\d-[a-z0-9-]+ solved[^`]*)`/g)];
  const inTranscripts = [...markdown.matchAll(/^(✓ \d\d-[a-z0-9-]+ solved.*)$/gm)];
  return [...inProse, ...inTranscripts].map((match) => match[1] ?? "");
}

describe("the lesson READMEs' passing lines", () => {
  it("quote each exercise's id and title as npm run learn -- check prints them", () => {
    const wrong = lessonReadmes(projectRoot).flatMap((readme) =>
      quotedPasses(readFileSync(readme, "utf8")).flatMap((quoted) => {
        const id = quoted.split(" ")[1] ?? "";
        const exercise = findExercise(id);
        const printed =
          exercise && renderCheck(exercise, { passed: true, output: "" }, plain).trim();
        const fits = printed !== undefined && (quoted === printed || quoted === `✓ ${id} solved`);
        return fits ? [] : [`${readme}: "${quoted}", where check prints "${printed}"`];
      }),
    );
    expect(wrong).toEqual([]);
    const reuse = lessonReadmes(projectRoot).find((readme) => readme.includes("09-reuse"));
    expect(
      quotedPasses(readFileSync(reuse ?? "", "utf8")),
      "lesson 09 quotes its three",
    ).toHaveLength(3);
  });
});
