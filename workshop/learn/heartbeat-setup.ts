/**
 * The heartbeat of an exercise test: a setup file that `npm run learn`'s
 * runner loads into every test's thread (see run-test.ts and watchdog.ts).
 *
 * Every 200 ms, from the test's own thread, it posts "still alive" with the
 * test file's path. A slow machine only delays the beats; a learner's loop
 * that never ends never gives the thread back to its timers, so the beats
 * stop. That is how a loop is told apart from a busy machine, which no
 * wall-clock deadline can do.
 *
 * The channel's name comes in `LEARN_HEARTBEAT` (one channel per runner);
 * without it (an ordinary `npm test`) the file does nothing.
 *
 * @example
 * // In the runner's Vitest options:
 * // setupFiles: [heartbeatSetupFile], env: { LEARN_HEARTBEAT: channelName }
 */
import { BroadcastChannel, threadId } from "node:worker_threads";
import { expect } from "vitest";
import { osThreadId } from "./thread-cpu.ts";
import type { Beat } from "./watchdog.ts";

/** How often a beat goes out, in ms: far below the watchdog's patience. */
const BEAT_MS = 200;

const name = process.env.LEARN_HEARTBEAT;
const file = expect.getState().testPath;
if (name && file) {
  const channel = new BroadcastChannel(name);
  const osThread = osThreadId();
  const beat: Beat = { file, thread: threadId, ...(osThread !== undefined && { osThread }) };
  channel.postMessage(beat);
  // Neither the timer nor the channel may keep the thread alive once its tests are done.
  setInterval(() => channel.postMessage(beat), BEAT_MS).unref();
  channel.unref();
}
