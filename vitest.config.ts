/**
 * Vitest's settings for `npm test`, `npm run learn` and `npm run prove`.
 *
 * Most test files share their workers' modules (`isolate: false`): starting a
 * fresh module registry for each of 130 files costs more than all their tests
 * together. A file that needs a registry of its own goes in `isolated`: one
 * that mocks a module (`vi.mock` must run before anything imports it), and the
 * debugger's, whose inspector session stays open for the thread's lifetime.
 *
 * `npm run learn` and `npm run prove` run the exercise tests through the root
 * settings (see workshop/learn/run-test.ts), which keep Vitest's default, one
 * fresh registry per file: a learner's code never leaks into the next test.
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
    // Two cores; many files mostly wait for a child process or a socket.
    maxWorkers: 3,
    projects: [
      {
        extends: true,
        test: { name: "isolated", include: isolated, exclude, pool: "forks" },
      },
      {
        extends: true,
        test: {
          name: "shared",
          include: ["test/**/*.test.ts"],
          exclude: [...exclude, ...isolated],
          pool: "threads",
          isolate: false,
        },
      },
    ],
  },
});
