/**
 * Vitest's settings for `npm test`, `npm run learn` and `npm run prove`.
 *
 * Most test files share their worker's modules (the `shared` project,
 * `isolate: false`): a fresh module registry for each of 130 files costs more
 * than all their tests together. A file that needs a registry of its own goes
 * in `isolated`: one that mocks a module (`vi.mock` must run before anything
 * imports it), and the debugger's, whose inspector session stays open for the
 * life of its process.
 *
 * `npm run learn` and `npm run prove` run the exercise tests with the root
 * settings (see workshop/learn/run-test.ts): Vitest's defaults, a fresh
 * registry for every file, so a learner's code never leaks into another test.
 */
import { defineConfig } from "vitest/config";

const exclude = [".proof/**", "test/fixtures/**", "node_modules/**"];
const isolated = [
  "test/gateway/debugger/**/*.test.ts",
  "test/exercises/11-sign-in/check-password.test.ts",
  "test/gateway/kit/static-files-streaming.test.ts",
];

export default defineConfig({
  test: {
    // Two cores, and many files spend most of their time waiting for a child process.
    maxWorkers: 3,
    projects: [
      { extends: true, test: { name: "isolated", include: isolated, exclude } },
      {
        extends: true,
        test: {
          name: "shared",
          include: ["test/**/*.test.ts"],
          exclude: [...exclude, ...isolated],
          isolate: false,
        },
      },
    ],
  },
});
