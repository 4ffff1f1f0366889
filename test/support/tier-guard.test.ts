import childProcess, { spawn } from "node:child_process";
import { once } from "node:events";
import { describe, expect, it } from "vitest";
import { peerIn } from "./tier-guard.ts";

const RENAME = /This test starts (\w+): .* Rename its file to end in \.peers\.test\.ts\./;

describe("npm test's tier guard", () => {
  it("fails a test that starts nginx, Apache, Chromium or PostgreSQL, asking for a peers name", () => {
    expect(() => spawn("nginx", ["-p", "/tmp/x"])).toThrow(RENAME);
    expect(() => childProcess.spawn("/usr/sbin/apache2", ["-DFOREGROUND"])).toThrow(
      "This test starts apache2",
    );
    expect(() => spawn("/usr/bin/chromium", ["--headless"])).toThrow(RENAME);
  });

  it("sees PostgreSQL started as another user", () => {
    const args = ["-u", "postgres", "--", "/usr/lib/postgresql/15/bin/pg_ctl", "start"];
    expect(() => spawn("runuser", args)).toThrow("This test starts pg_ctl");
    expect(peerIn("initdb.exe", [])).toBe("initdb");
  });

  it("lets Node and other programs start, even with a peer's name among their arguments", async () => {
    const child = spawn(process.execPath, ["-e", "process.exit(3)", "nginx"]);
    const [code] = await once(child, "exit");
    expect(code).toBe(3);
    expect(peerIn("git", ["log", "nginx"])).toBeUndefined();
  });
});
