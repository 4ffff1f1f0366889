/**
 * Vitest's settings for `npm run test:peers`: only the `*.peers.test.ts`
 * files, the tests that start real peers (nginx, Apache, Chromium,
 * PostgreSQL) or load or kill servers on purpose. `vitest.config.ts` says
 * what the two tiers share and why.
 *
 * One test file at a time: each starts programs that want a core of their
 * own (Chromium alone runs several processes), so two files side by side on
 * a 2-core machine would only starve each other's servers. A file may
 * still run its own tests side by side (`describe.concurrent`) where they
 * share one server.
 *
 * Run one file with `npm run test:peers -- nginx` (a part of its path).
 * Outside CI, a peer that is missing skips its file with a message saying
 * what to install; under `CI=true` it fails instead.
 */
import { defineConfig } from "vitest/config";
import { NEVER, PEER_TESTS, shared } from "./vitest.config.ts";

export default defineConfig({
  test: {
    ...shared,
    include: [PEER_TESTS],
    exclude: NEVER,
    maxWorkers: 1,
  },
});
