/**
 * CPU time used by a process and all its descendants, read from Linux's
 * `/proc`: what `npm run bench:deploy` divides by the requests answered.
 *
 * `/proc/PID/stat` holds each process's parent (field 4), its user and
 * system time so far (fields 14 and 15, in clock ticks: 100 a second on
 * Linux), and those of its children that have ended (16 and 17: a child's
 * time moves there once its parent has waited for it, as nginx, PostgreSQL
 * and `node:cluster` do; not for a parent that ignores SIGCHLD). Summing all four
 * over a tree catches the supervisor and its workers, nginx and its worker,
 * PostgreSQL and its backends, including the ones that end between two
 * readings (a PostgreSQL backend ends with its connection): without the
 * last two, their time would leave the sum, which could even go down.
 *
 * @example
 * const before = treeCpuMs([serverPid, nginxPid]);
 * // ... load ...
 * const used = treeCpuMs([serverPid, nginxPid]) - before;
 */
import { readdirSync, readFileSync } from "node:fs";

/** Clock ticks per second in /proc's times (USER_HZ): 100 on every Linux in use. */
const TICKS_PER_SECOND = 100;

interface ProcStat {
  ppid: number;
  ticks: number;
}

/**
 * Milliseconds of CPU (user + system) used so far by the processes `roots`
 * and all their descendants; 0 where there is no `/proc` (not Linux).
 * @example treeCpuMs([process.pid]); // 812
 */
export function treeCpuMs(roots: readonly number[]): number {
  const stats = readAll();
  const children = new Map<number, number[]>();
  for (const [pid, stat] of stats)
    children.set(stat.ppid, [...(children.get(stat.ppid) ?? []), pid]);
  let ticks = 0;
  const seen = new Set<number>();
  const walk = (pid: number): void => {
    if (seen.has(pid)) return;
    seen.add(pid);
    ticks += stats.get(pid)?.ticks ?? 0;
    for (const child of children.get(pid) ?? []) walk(child);
  };
  for (const root of roots) walk(root);
  return (ticks * 1000) / TICKS_PER_SECOND;
}

function readAll(): Map<number, ProcStat> {
  const stats = new Map<number, ProcStat>();
  let entries: string[];
  try {
    entries = readdirSync("/proc").filter((name) => /^\d+$/.test(name));
  } catch {
    return stats;
  }
  for (const name of entries) {
    const stat = readStat(name);
    if (stat !== undefined) stats.set(Number(name), stat);
  }
  return stats;
}

function readStat(pid: string): ProcStat | undefined {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, "utf8");
    // The command name (field 2) is in parentheses and may hold spaces: count from after it.
    const fields = text.slice(text.lastIndexOf(")") + 2).split(" ");
    const [utime, stime, cutime, cstime] = fields.slice(11, 15).map(Number);
    return {
      ppid: Number(fields[1]),
      ticks: Number(utime) + Number(stime) + Number(cutime) + Number(cstime),
    };
  } catch {
    return undefined; // it ended while we read
  }
}
