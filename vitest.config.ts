/**
 * Vitest's settings for `npm test`, `npm run learn` and `npm run prove`.
 *
 * Most test files share their worker's modules (the `shared` project,
 * `isolate: false`): a fresh module registry for each of 130 files costs more
 * than all their tests together. A file that needs a registry of its own goes
 * in `isolated`: one that mocks a module (`vi.mock` must run before anything
 * imports it), and one that runs the debugger, whose inspector session stays
 * open for the life of its process.
 *
 * `npm run learn` and `npm run prove` run the exercise tests with the root
 * settings (see workshop/learn/run-test.ts), which stay Vitest's defaults: a
 * fresh registry for every file, so a learner's code never leaks into another
 * test, and a hanging test reported after 5 s.
 */
import { availableParallelism } from "node:os";
import { defineConfig } from "vitest/config";

const exclude = [".proof/**", "test/fixtures/**", "node_modules/**"];
const isolated = [
  "test/gateway/debugger/**/*.test.ts",
  "test/lessons/10-debugger/**/*.test.ts",
  "test/exercises/11-sign-in/check-password.test.ts",
  "test/gateway/kit/static-files-streaming.test.ts",
];

/**
 * The suite's settings. Both projects get them (they must agree on maxWorkers
 * to share one pool of workers); the root does not, as learn and prove use it.
 */
const suite = {
  // One worker per core (Vitest's default leaves one for itself, which on two
  // cores halves the speed): its own process mostly waits.
  maxWorkers: availableParallelism(),
  // Files run side by side: a test that starts Node and tsx may wait for a core.
  testTimeout: 15_000,
  exclude,
};

export default defineConfig({
  test: {
    projects: [
      { extends: true, test: { ...suite, name: "isolated", include: isolated } },
      {
        extends: true,
        test: {
          ...suite,
          name: "shared",
          include: ["test/**/*.test.ts"],
          exclude: [...exclude, ...isolated],
          isolate: false,
        },
      },
    ],
  },
});
