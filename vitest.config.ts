/**
 * Vitest's settings for `npm test`, `npm run learn` and `npm run prove`.
 *
 * The tests come in two tiers (`vitest.peers.config.ts` is the other):
 * - `npm test`, this file: in-process tests, and tests that start one Node
 *   server or child process. Under a minute on an idle 2-core machine.
 * - `npm run test:peers`: test files named `*.peers.test.ts`, which start
 *   nginx, Apache, Chromium or PostgreSQL, or load or kill servers on
 *   purpose. `npm test` leaves them out.
 *
 * On two cores Vitest would start a single worker by default, and many test
 * files spend their time waiting for a child process: three workers keep
 * both cores busy.
 *
 * A timeout here only catches a test that hangs; it is never a speed check
 * (that is `npm run bench`'s job), so no test sets a shorter one. Learners'
 * laptops are slow and busy: on this 2-core machine at load average 25 the
 * slowest tests took ten times as long as idle (the watch-mode test of
 * `npm run learn`: 12 s, then 121 s), so the budget is five minutes, for
 * tests and hooks alike. Tests wait on events (a line printed, a port
 * open), never on the clock.
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
 * (test/reference-answers.ts). That holds for both tiers.
 */
import { defineConfig } from "vitest/config";
import { needReferenceAnswers, referenceAnswersLeftOut } from "./test/reference-answers.ts";

/** The second tier's files: `npm run test:peers` runs these, and only these. */
export const PEER_TESTS = "test/**/*.peers.test.ts";

/**
 * What no tier runs: CI's proof folder, test fixtures, dependencies, and the
 * tests of the reference answers in a copy handed out without them.
 */
export const NEVER = [
  ".proof/**",
  "test/fixtures/**",
  "node_modules/**",
  ...(referenceAnswersLeftOut ? needReferenceAnswers : []),
];

/** Settings both tiers share. */
export const shared = {
  globalSetup: "test/reference-answers.ts",
  pool: "threads",
  isolate: false,
  maxWorkers: 3,
  testTimeout: 300_000,
  hookTimeout: 300_000,
} as const;

export default defineConfig({
  test: {
    ...shared,
    include: ["test/**/*.test.ts"],
    exclude: [...NEVER, PEER_TESTS],
    // A test that starts a peer here fails, asking for a *.peers.test.ts name.
    setupFiles: ["test/support/tier-guard.ts"],
  },
});
