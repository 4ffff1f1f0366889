import { fileURLToPath } from "node:url";
import { BroadcastChannel, Worker } from "node:worker_threads";
import { afterEach, describe, expect, it } from "vitest";
import { threadCpuMs } from "../../../workshop/learn/thread-cpu.ts";
import { type Beat, Watchdog } from "../../../workshop/learn/watchdog.ts";

const threadCpu = fileURLToPath(new URL("../../../workshop/learn/thread-cpu.ts", import.meta.url));
/** A thread stuck in a loop: it tells its kernel id (what Node 20 on Linux needs), then spins. */
const spinning = `require("tsx/cjs");
const { osThreadId } = require(${JSON.stringify(threadCpu)});
require("node:worker_threads").parentPort.postMessage(osThreadId() ?? null);
for (;;);`;
const beat: Beat = { file: "/checkout/test/exercises/01-basics/greet.test.ts", thread: 7 };
const stops: Array<() => unknown> = [];

afterEach(async () => {
  for (const stop of stops.splice(0)) await stop();
});

/** A watchdog on a fresh channel, and the channel a test thread would beat on. */
function watch(
  cpuMs: () => Promise<number | undefined>,
  onStuck: (file: string, thread: number) => void,
) {
  const name = `watchdog-test-${Math.random()}`;
  const watchdog = new Watchdog(name, {
    stuckAfterMs: 250,
    busyAfterMs: 60_000,
    onBusy: () => {},
    onStuck,
    cpuMs,
  });
  const thread = new BroadcastChannel(name);
  stops.push(
    () => watchdog.stop(),
    () => thread.close(),
  );
  thread.postMessage(beat);
}

/**
 * True when the watchdog calls the test's file stuck within twelve looks at its thread's CPU
 * time (three seconds of ticks: the thread stays silent all along); `cpuMs` gives each look's.
 */
function stuckWithinTwelveLooks(cpuMs: (look: number) => number | undefined): Promise<boolean> {
  let looks = 0;
  return new Promise((resolve) => {
    watch(
      async () => {
        looks += 1;
        if (looks === 12) resolve(false);
        return cpuMs(looks);
      },
      () => resolve(true),
    );
  });
}

describe("Watchdog", () => {
  it("never blames a silent thread that the machine gives no CPU, however long it is silent", async () => {
    // The thread's CPU time stands still: it is waiting for a core.
    expect(await stuckWithinTwelveLooks(() => 40)).toBe(false);
  });

  it("never blames a thread that has ended, however long its file's result takes to come", async () => {
    // Measured once; then the thread is gone, and its CPU time can no longer be read.
    expect(await stuckWithinTwelveLooks((look) => (look === 1 ? 40 : undefined))).toBe(false);
  });

  it("names a silent thread that keeps using CPU as stuck, with its thread", async () => {
    let cpu = 0;
    const stuck = await new Promise<[string, number]>((resolve) => {
      watch(
        async () => (cpu += 100),
        (file, thread) => resolve([file, thread]),
      );
    });
    expect(stuck).toEqual([beat.file, beat.thread]);
  });
});

describe("threadCpuMs", () => {
  it("measures a test thread's own CPU time on this Node and system, and sees it grow", async () => {
    const worker = new Worker(spinning, { eval: true });
    stops.push(() => worker.terminate());
    const osThread = await new Promise<number | null>((resolve, reject) => {
      worker.once("message", resolve);
      worker.once("error", reject);
    });
    const first = await threadCpuMs(worker, osThread ?? undefined);
    expect(first).toBeTypeOf("number");
    let later = first;
    while (later === first) later = await threadCpuMs(worker, osThread ?? undefined);
    expect(later).toBeGreaterThan(first as number);
  });
});
