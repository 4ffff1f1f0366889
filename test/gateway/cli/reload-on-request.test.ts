import { afterEach, describe, expect, it } from "vitest";
import { reloadOnRequest } from "../../../gateway/cli/reload-on-request.ts";
import { requestReload } from "../../../gateway/workers/reload-channel.ts";
import type { Supervisor } from "../../../gateway/workers/supervisor.ts";
import { freePort } from "../../support/free-port.ts";

const cleanups: Array<() => Promise<void> | void> = [];

afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

/** What reloadOnRequest uses of a supervisor, counting reloads; its channel closed after the test. */
async function requestsFor(host: string, platform: NodeJS.Platform) {
  const port = await freePort();
  const counted = { reloads: 0 };
  const supervisor = {
    port,
    workers: 2,
    pids: [11, 12],
    reload: async () => {
      counted.reloads += 1;
    },
  } as unknown as Supervisor;
  const hangups = process.listeners("SIGHUP");
  const requests = await reloadOnRequest(supervisor, host, platform);
  cleanups.push(
    () => requests.close(),
    () => {
      for (const added of process.listeners("SIGHUP")) {
        if (!hangups.includes(added)) process.off("SIGHUP", added);
      }
    },
  );
  return { port, counted, requests };
}

describe("reloading on request", () => {
  it("on Linux and macOS, reloads on SIGHUP, and says how with the supervisor's pid", async () => {
    const { port, counted, requests } = await requestsFor("127.0.0.1", "linux");
    expect(requests.hint).toBe(
      `2 workers (pids 11, 12). To reload them one at a time: kill -HUP ${process.pid}, ` +
        `or npx gateway reload --port ${port}`,
    );
    process.emit("SIGHUP", "SIGHUP");
    await new Promise((resolve) => setImmediate(resolve));
    expect(counted.reloads).toBe(1);
  });

  it("on Windows, which has no SIGHUP, offers gateway reload, which reloads", async () => {
    const hangups = process.listenerCount("SIGHUP");
    const { port, counted, requests } = await requestsFor("127.0.0.1", "win32");
    expect(requests.hint).toBe(
      "2 workers (pids 11, 12). Windows has no SIGHUP: to reload them one at a time, " +
        `run npx gateway reload --port ${port}`,
    );
    expect(process.listenerCount("SIGHUP")).toBe(hangups);
    expect(await requestReload("127.0.0.1", port)).toEqual({
      ok: true,
      message: "reloaded: workers 11, 12 serve now",
    });
    expect(counted.reloads).toBe(1);
  });

  it("names the host in the command when it is not the default one", async () => {
    const { port, requests } = await requestsFor("localhost", "linux");
    expect(requests.hint).toContain(`npx gateway reload --host localhost --port ${port}`);
  });
});
