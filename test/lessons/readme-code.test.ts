import { describe, expect } from "vitest";
import {
  lessonReadmes,
  problemMessages,
  staleMessages,
  syncLessonReadme,
} from "../../scripts/docs/lesson-readmes.ts";
import { projectRoot } from "../fixtures/fixture-repo.ts";
import { itWithReferenceAnswers } from "../support/reference-answers.ts";

describe("the lesson READMEs", () => {
  // Lesson 11 shows code from the reference answers.
  itWithReferenceAnswers("show code blocks identical to the regions of the files they name", () => {
    const reports = lessonReadmes(projectRoot).map((readme) =>
      syncLessonReadme(projectRoot, readme),
    );
    const messages = reports.flatMap((report) => [
      ...problemMessages(report),
      ...staleMessages(report),
    ]);
    expect(messages, `Fix these README code blocks:\n${messages.join("\n")}\n`).toEqual([]);
  });
});
