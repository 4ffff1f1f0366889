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

/** A watchdog on a fresh channel, and the channel a test thread would beat on, once. */
function watch(
  cpuMs: () => Promise<number | undefined>,
  onStuck: (file: string, thread: number) => void,
  onBusy: () => void = () => {},
) {
  const name = `watchdog-test-${Math.random()}`;
  const watchdog = new Watchdog(name, {
    stuckAfterMs: 250,
    busyAfterMs: 2_000, // longer than a second: a beat that old is "not beating"
    onBusy,
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

describe("Watchdog", () => {
  it("never blames a silent thread that the machine gives no CPU, however long it is silent", async () => {
    let looks = 0;
    const stuck = await new Promise<boolean>((resolve) => {
      watch(
        async () => {
          // Twelve looks, three seconds of ticks, the thread silent all along.
          if (++looks === 12) resolve(false);
          return 40; // its CPU time stands still: it is waiting for a core
        },
        () => resolve(true),
      );
    });
    expect(stuck).toBe(false);
  });

  it("never blames a thread that has ended, and calls the machine busy while its result is awaited", async () => {
    let looks = 0;
    const verdict = await new Promise<string>((resolve) => {
      watch(
        // Measured once; then the thread is gone, and its CPU time can no longer be read.
        async () => (++looks === 1 ? 40 : undefined),
        () => resolve("stuck"),
        () => resolve("busy"),
      );
    });
    expect(verdict).toBe("busy");
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
