import { spawn } from "node:child_process";
import { once } from "node:events";
import { existsSync } from "node:fs";
import { afterEach, describe, expect, it } from "vitest";
import {
  openReloadChannel,
  reloadChannelPath,
  requestReload,
} from "../../../gateway/workers/reload-channel.ts";
import { freePort } from "../../support/free-port.ts";
import { signal } from "../../support/signal.ts";

// An address from the documentation range (RFC 5737) that no test's server listens on: the
// channels here can then never be those of a real supervisor another test file runs.
const HOST = "192.0.2.1";
const opened: Array<{ close(): void }> = [];

afterEach(() => {
  for (const channel of opened.splice(0)) channel.close();
});

/** Opens a channel for a port no supervisor can have (nothing listens on it). */
async function channelFor(reload: () => Promise<string>) {
  const port = await freePort();
  opened.push(await openReloadChannel(HOST, port, reload));
  return port;
}

describe("the reload channel (gateway reload)", () => {
  it("answers once the reload is over, with what it did", async () => {
    const done = signal();
    const port = await channelFor(async () => {
      await done.promise;
      return "reloaded: workers 11, 12 serve now";
    });
    let answered = false;
    const answer = requestReload(HOST, port).finally(() => {
      answered = true;
    });
    await new Promise((resolve) => setImmediate(resolve));
    expect(answered).toBe(false);
    done.resolve();
    expect(await answer).toEqual({ ok: true, message: "reloaded: workers 11, 12 serve now" });
  });

  it("answers a reload that stopped with its reason", async () => {
    const port = await channelFor(async () => {
      throw new Error("Reload stopped: the new worker 1 (pid 13) ended before it listened");
    });
    expect(await requestReload(HOST, port)).toEqual({
      ok: false,
      message: "Reload stopped: the new worker 1 (pid 13) ended before it listened",
    });
  });

  it("rejects with ENOENT when no supervisor serves that address", async () => {
    const port = await freePort();
    await expect(requestReload(HOST, port)).rejects.toMatchObject({ code: "ENOENT" });
  });

  it("will not take the channel of a supervisor that is running", async () => {
    const port = await channelFor(async () => "reloaded");
    await expect(openReloadChannel(HOST, port, async () => "again")).rejects.toMatchObject({
      code: "EADDRINUSE",
    });
  });

  it.runIf(process.platform !== "win32")(
    "takes over the socket a killed supervisor left behind",
    async () => {
      const port = await freePort();
      const path = reloadChannelPath(HOST, port);
      // A process that listens on the channel's socket and is then killed, as by kill -9.
      const script = `require("net").createServer().listen(${JSON.stringify(path)}, () => process.kill(process.pid, "SIGKILL"))`;
      await once(spawn(process.execPath, ["-e", script]), "exit");
      expect(existsSync(path)).toBe(true);
      opened.push(await openReloadChannel(HOST, port, async () => "reloaded"));
      expect(await requestReload(HOST, port)).toEqual({ ok: true, message: "reloaded" });
    },
  );

  it("is a Unix socket in the temporary folder, or a named pipe on Windows", () => {
    expect(reloadChannelPath("127.0.0.1", 8000, "win32")).toBe(
      "\\\\.\\pipe\\gateway-reload-127.0.0.1-8000",
    );
    expect(reloadChannelPath("::1", 8000, "linux")).toMatch(/gateway-reload-__1-8000\.sock$/);
  });
});
