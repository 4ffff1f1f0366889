/**
 * `npm test`'s guard for the two test tiers (vitest.config.ts loads it
 * before every test file): a test that starts nginx, Apache, Chromium or
 * PostgreSQL fails at once, saying to name its file `*.peers.test.ts`, so
 * that `npm run test:peers` runs it instead.
 *
 * Every such start goes through `child_process.spawn`, Playwright's launch
 * of Chromium too: the guard wraps it, and `syncBuiltinESMExports` hands
 * the wrapper to the modules that imported `spawn` by name. Quick queries
 * (`apache2 -V` through `spawnSync`) start no server and pass.
 *
 * @example
 * // vitest.config.ts
 * test: { setupFiles: ["test/support/tier-guard.ts"] }
 */
import { createRequire, syncBuiltinESMExports } from "node:module";
import path from "node:path";

/** Programs that only `npm run test:peers` may start (Windows names end in .exe). */
const PEERS = /^(nginx|apache2|httpd|chromium|chromium-browser|chrome|postgres|pg_ctl|initdb)$/;

type Spawn = (this: unknown, ...args: unknown[]) => unknown;
const childProcess: { spawn: Spawn & { guarded?: true } } = createRequire(import.meta.url)(
  "node:child_process",
);

/** Programs that start another program as another user: `runuser -u postgres -- pg_ctl ...`. */
const AS_USER = new Set(["runuser", "sudo", "su", "env"]);

/**
 * The peer that `spawn(command, args)` would start, if any.
 * @example peerIn("runuser", ["-u", "postgres", "--", "pg_ctl", "start"]); // "pg_ctl"
 */
export function peerIn(command: unknown, args: unknown): string | undefined {
  const name = (word: unknown) =>
    typeof word === "string" ? path.basename(word).replace(/\.exe$/i, "") : "";
  if (!AS_USER.has(name(command)) || !Array.isArray(args)) return PEERS.exec(name(command))?.[0];
  const started = args.includes("--") ? args.slice(args.indexOf("--") + 1) : args;
  return started.map(name).find((word) => PEERS.test(word));
}

// Test files of one worker share this module (isolate: false): wrap spawn once.
if (!childProcess.spawn.guarded) {
  const spawn = childProcess.spawn;
  const guarded = function (this: unknown, ...args: unknown[]) {
    const peer = peerIn(args[0], args[1]);
    if (peer !== undefined) {
      throw new Error(
        `This test starts ${peer}: tests that start nginx, Apache, Chromium or PostgreSQL ` +
          "belong to npm run test:peers. Rename its file to end in .peers.test.ts.",
      );
    }
    return Reflect.apply(spawn, this, args);
  };
  childProcess.spawn = Object.assign(guarded, { guarded: true as const });
  syncBuiltinESMExports();
}
