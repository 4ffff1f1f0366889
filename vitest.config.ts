import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    exclude: [".proof/**", "test/fixtures/**", "node_modules/**"],
  },
});
