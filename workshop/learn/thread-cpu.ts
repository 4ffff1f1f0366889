/**
 * How much CPU time one test thread has used: the watchdog's measure of a
 * silent thread (watchdog.ts).
 *
 * A thread stuck in a loop that never ends uses CPU all the time it is
 * silent; a thread on a busy machine is silent because the operating system
 * gives it no CPU. Wall time (or the watchdog's own ticks: its thread is
 * mostly idle, and an idle thread is woken first) grows the same in both
 * cases, which is how a busy-but-yielding test was once blamed for a loop.
 * CPU time grows only in the first.
 *
 * Where each Node gets it:
 * - Node 22.19 and later, 24: `worker.cpuUsage()`, from the thread that started the worker.
 * - Node 20 has no per-thread CPU time in JavaScript. On Linux the kernel keeps it in
 *   `/proc/self/task/<tid>/stat`; the heartbeat sends its thread's kernel id (read from
 *   `/proc/thread-self`) for that.
 * - Node 20 elsewhere: unknown (`undefined`), and the watchdog falls back to its own ticks.
 *
 * @example
 * const ms = await threadCpuMs(worker, beat.osThread); // 1234.5, or undefined
 */
import { readFileSync, readlinkSync } from "node:fs";
import type { Worker } from "node:worker_threads";

/** The Worker method that Node 22.19+ and 24 have. */
type WithCpuUsage = Worker & { cpuUsage?: () => Promise<{ user: number; system: number }> };

/**
 * CPU time (user + system, in ms) that `worker`'s thread has used, or undefined where this Node
 * and system cannot tell.
 *
 * @example
 * await threadCpuMs(worker, undefined); // 812.3 on Node 24
 */
export async function threadCpuMs(
  worker: Worker | undefined,
  osThread: number | undefined,
): Promise<number | undefined> {
  try {
    const cpuUsage = (worker as WithCpuUsage | undefined)?.cpuUsage;
    if (worker && cpuUsage) {
      const { user, system } = await cpuUsage.call(worker);
      return (user + system) / 1000;
    }
    return osThread === undefined ? undefined : linuxThreadCpuMs(osThread);
  } catch {
    // The thread has just ended: nothing to measure.
    return undefined;
  }
}

/**
 * The kernel's id of the calling thread on Linux (undefined elsewhere), for `threadCpuMs`.
 *
 * @example
 * osThreadId(); // 48213
 */
export function osThreadId(): number | undefined {
  try {
    // "/proc/thread-self" links to "<pid>/task/<tid>".
    return Number(readlinkSync("/proc/thread-self").split("/").pop());
  } catch {
    return undefined;
  }
}

/** utime + stime of a thread of this process, from Linux's /proc (fields 14 and 15, in clock ticks of 10 ms). */
function linuxThreadCpuMs(osThread: number): number | undefined {
  const stat = readFileSync(`/proc/self/task/${osThread}/stat`, "utf8");
  // The command name (field 2) may hold spaces: count fields after its closing parenthesis.
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  const ticks = Number(fields[11]) + Number(fields[12]);
  return Number.isFinite(ticks) ? ticks * 10 : undefined;
}
