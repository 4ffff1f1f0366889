/**
 * bench:deploy's CPU counter: the time of a process tree, from /proc.
 */
import { spawn } from "node:child_process";
import { once } from "node:events";
import { existsSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { treeCpuMs } from "../../../bench/deploy/process-cpu.ts";

describe.skipIf(!existsSync("/proc/self/stat"))("treeCpuMs", () => {
  it("counts a process's CPU, which grows as it works", async () => {
    // A child of its own, with no children: other tests' processes, which come and go under
    // the test runner, cannot move its count. It works, says so, and works again when told.
    const worker =
      "const work = () => { const t = process.cpuUsage().user + 100_000; while (process.cpuUsage().user < t); };" +
      "work(); console.log('a'); process.stdin.once('data', () => { work(); console.log('b'); });" +
      "setInterval(() => {}, 1000)";
    const child = spawn(process.execPath, ["-e", worker], { stdio: ["pipe", "pipe", "inherit"] });
    try {
      await once(child.stdout, "data");
      const before = treeCpuMs([child.pid as number]);
      child.stdin.write("go\n");
      await once(child.stdout, "data");
      expect(treeCpuMs([child.pid as number])).toBeGreaterThan(before);
    } finally {
      child.kill();
    }
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

  it("keeps counting a child's CPU once the child has ended", async () => {
    // The parent runs a busy child to its end, waits for it, says so, and waits to be ended.
    const busy =
      "const t = process.cpuUsage().user + 200_000; while (process.cpuUsage().user < t);";
    const parent =
      `require("node:child_process").spawnSync(process.execPath, ["-e", ${JSON.stringify(busy)}]);` +
      "console.log('done'); setInterval(() => {}, 1000)";
    const child = spawn(process.execPath, ["-e", parent], { stdio: ["ignore", "pipe", "inherit"] });
    try {
      await once(child.stdout, "data");
      expect(treeCpuMs([child.pid as number])).toBeGreaterThanOrEqual(200);
    } finally {
      child.kill();
    }
  });

  it("gives 0 for a process that does not exist", () => {
    expect(treeCpuMs([2 ** 22 + 12345])).toBe(0);
  });
});
