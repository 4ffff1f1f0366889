/**
 * bench:deploy's CPU counter: the time of a process tree, from /proc.
 */
import { spawn } from "node:child_process";
import { once } from "node:events";
import { existsSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { treeCpuMs } from "../../../bench/deploy/process-cpu.ts";

describe.skipIf(!existsSync("/proc/self/stat"))("treeCpuMs", () => {
  it("counts this process's CPU, which grows as it works", () => {
    const before = treeCpuMs([process.pid]);
    const until = process.cpuUsage().user + 50_000;
    while (process.cpuUsage().user < until) Math.sqrt(Math.random());
    expect(treeCpuMs([process.pid])).toBeGreaterThan(before);
  });

  it("counts a child's CPU with its parent's", async () => {
    // The child works on the CPU, says so, and waits to be ended.
    const busy =
      "const t = Date.now(); while (Date.now() - t < 200); console.log('done'); setInterval(() => {}, 1000)";
    const child = spawn(process.execPath, ["-e", busy], { stdio: ["ignore", "pipe", "inherit"] });
    try {
      await once(child.stdout, "data");
      const childMs = treeCpuMs([child.pid as number]);
      expect(childMs).toBeGreaterThan(0);
      expect(treeCpuMs([process.pid])).toBeGreaterThanOrEqual(childMs);
    } finally {
      child.kill();
    }
  });

  it("gives 0 for a process that does not exist", () => {
    expect(treeCpuMs([2 ** 22 + 12345])).toBe(0);
  });
});
