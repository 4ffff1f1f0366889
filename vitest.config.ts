/**
 * Vitest's settings for `npm test`, `npm run learn` and `npm run prove`.
 *
 * On two cores Vitest would start a single worker by default, and many test
 * files spend their time waiting for a child process (node, Apache,
 * Chromium): three workers keep both cores busy. A test that starts Node and
 * tsx may wait for a core, hence the longer timeout.
 */
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    exclude: [".proof/**", "test/fixtures/**", "node_modules/**"],
    maxWorkers: 3,
    testTimeout: 15_000,
  },
});
