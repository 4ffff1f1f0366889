/**
 * Vitest's settings for `npm test`, `npm run learn` and `npm run prove`.
 *
 * On two cores Vitest would start a single worker by default, and many test
 * files spend their time waiting for a child process (node, Apache,
 * Chromium): three workers keep both cores busy. A test that starts Node and
 * tsx may wait for a core, hence the longer timeout.
 *
 * Workers are threads, and the test files of one worker share their loaded
 * modules (`isolate: false`): loading the same modules again for each of 130
 * files cost more than half of `npm test`'s time. A test that replaces a
 * module with `vi.mock` therefore resets the module cache before importing
 * what uses it. `npm run learn` and `npm run prove` turn isolation back on
 * (workshop/learn/run-test.ts): each run must load the learner's file afresh.
 *
 * In a copy without `solutions/` (and outside CI), the tests of the reference
 * answers are left out, and the global setup says so once
 * (test/reference-answers.ts).
 */
import { defineConfig } from "vitest/config";
import { needReferenceAnswers, referenceAnswersLeftOut } from "./test/reference-answers.ts";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    exclude: [
      ".proof/**",
      "test/fixtures/**",
      "node_modules/**",
      ...(referenceAnswersLeftOut ? needReferenceAnswers : []),
    ],
    globalSetup: ["test/reference-answers.ts"],
    pool: "threads",
    isolate: false,
    maxWorkers: 3,
    testTimeout: 15_000,
  },
});
