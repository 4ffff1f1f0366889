/**
 * The CPU time a process has used so far, read from Linux's `/proc`.
 *
 * On a shared machine req/s mostly measures who else wants the cores; the
 * CPU a server spends per request does not depend on that nearly as much.
 * `/proc/PID/stat` counts a process's user and system time, all its
 * threads together (V8's garbage collector helpers and libuv's pool
 * included), in clock ticks. Elsewhere (macOS, Windows) there is no
 * `/proc`: the runner then leaves the CPU columns empty.
 *
 * @example
 * const before = cpuSeconds(pid); // 12.34, or undefined without /proc
 * await load();
 * const used = cpuSeconds(pid)! - before!;
 */
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";

/** Clock ticks per second (`getconf CLK_TCK`): 100 on every Linux in use. */
const TICKS_PER_SECOND =
  Number(spawnSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).stdout) || 100;

/**
 * User plus system CPU seconds used by process `pid` so far, or `undefined`
 * where there is no `/proc` (or the process is gone).
 * @example cpuSeconds(process.pid); // 0.42
 */
export function cpuSeconds(pid: number): number | undefined {
  let stat: string;
  try {
    stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  } catch {
    return undefined;
  }
  return parseStat(stat) / TICKS_PER_SECOND;
}

/**
 * The ticks of user and system time in a `/proc/PID/stat` line: fields 14
 * and 15 (proc(5)), counted after the command name, which is in
 * parentheses and may itself hold spaces or parentheses.
 * @example parseStat("42 (node) S 1 ... 250 31 ...") // 281
 */
export function parseStat(stat: string): number {
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  // fields[0] is field 3 (the state), so field N is fields[N - 3].
  return Number(fields[11]) + Number(fields[12]);
}
