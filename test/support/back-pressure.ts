/**
 * Proving back-pressure without timing: how many bytes can be in flight,
 * and waiting until a producer has stopped.
 *
 * A test that stops reading cannot ask "did the server wait?" with a clock.
 * It lets the event loop turn until the producer stops (`settle`), then
 * checks that what was produced is bounded by what the pipes between the
 * two can hold (`bytesInFlight`), far less than a body that ignored them.
 *
 * @example
 * await settle(() => produced);
 * expect(produced).toBeLessThan(bytesInFlight() + 64 * 1024);
 */
import { readFileSync } from "node:fs";
import { getDefaultHighWaterMark } from "node:stream";

/**
 * The most bytes that can sit between a server and a client that stopped
 * reading: the kernel's send and receive buffers at their largest (Linux
 * says in /proc; elsewhere assume 16 MiB each), and the server's and the
 * client's stream buffers in Node (`streamBuffer()` each).
 * @example const limit = bytesInFlight();
 */
export function bytesInFlight(): number {
  const largest = (file: string, fallback: number) => {
    try {
      return Number(readFileSync(file, "utf8").trim().split(/\s+/).at(-1));
    } catch {
      return fallback;
    }
  };
  const sixteenMiB = 16 * 1024 * 1024;
  const kernel =
    largest("/proc/sys/net/ipv4/tcp_wmem", sixteenMiB) +
    largest("/proc/sys/net/ipv4/tcp_rmem", sixteenMiB);
  return kernel + 2 * streamBuffer();
}

/**
 * How much a Node stream buffers before it says "wait": 16 KiB on Node 20,
 * 64 KiB from Node 22 on, which raised the default.
 * @example streamBuffer(); // 65536 on Node 24
 */
export function streamBuffer(): number {
  return getDefaultHighWaterMark(false);
}

/**
 * Lets the event loop turn until `count()` stops growing, so a runaway producer shows itself.
 * @example await settle(() => chunksMade);
 */
export async function settle(count: () => number): Promise<void> {
  let last = -1;
  let quietTurns = 0;
  for (let turn = 0; turn < 10_000 && quietTurns < 20; turn += 1) {
    await new Promise((resolve) => setImmediate(resolve));
    quietTurns = count() === last ? quietTurns + 1 : 0;
    last = count();
  }
}
