import type net from "node:net";
import { afterAll, describe, expect, it } from "vitest";
import { freePort, occupiedPort } from "../../support/free-port.ts";
import { runGateway } from "../cli/run-gateway.ts";
import { fetchRaw } from "../http-helpers.ts";
import { answeringPids, GatewayProcess, stopAll } from "./gateway-process.ts";

// A supervisor and its workers are three processes, each starting Node and
// tsx. More runs (FastCGI, reloads, faults) are in serving.peers.test.ts and
// faults.peers.test.ts.

afterAll(stopAll);

describe("gateway serve APP --workers 2", () => {
  it("answers from two processes, each told gateway.multiprocess, and says how to reload them", async () => {
    const args = ["serve", "workers.ts", "--workers", "2", "--port", "0"];
    const server = await GatewayProcess.serve(args);
    expect(server.stdout).toContain(`Serving workers.ts on ${server.url} (Ctrl-C to stop)`);
    const [, listed = ""] = await server.waitFor(
      "stdout",
      new RegExp(
        `^2 workers \\(pids (\\d+, \\d+)\\)\\. To reload them one at a time: ` +
          `kill -HUP ${server.child.pid}, or npx gateway reload --port ${server.port}$`,
        "m",
      ),
    );
    const pids = await server.listeningPids(2);
    expect(listed.split(", ").map(Number).sort()).toEqual([...pids].sort());
    // A new connection for each request: the supervisor hands each one to the next worker.
    const answered = await answeringPids(async () => (await fetchRaw(server.url)).body.toString());
    expect([...answered].sort()).toEqual([...pids].sort());
    expect(await server.stop("SIGINT")).toBe(0);
  });

  it("says at once, in one line, when the port is in use, before any worker starts", async () => {
    const inTheWay = await occupiedPort();
    const { port } = inTheWay.address() as net.AddressInfo;
    try {
      const args = ["serve", "workers.ts", "--workers", "2", "--port", String(port)];
      const { code, stdout, stderr } = await runGateway(args);
      expect(stderr).toBe(
        `gateway: port ${port} is in use: stop the other server or pass --port\n`,
      );
      expect(stdout).toBe("");
      expect(code).toBe(1);
    } finally {
      inTheWay.close();
    }
  });
});

describe("gateway reload", () => {
  it("says so when no server with workers listens there", async () => {
    const port = await freePort();
    const { code, stderr } = await runGateway(["reload", "--port", String(port)]);
    expect(stderr).toContain(
      `gateway: no server started with --workers listens on 127.0.0.1:${port}, so nothing was reloaded.`,
    );
    expect(code).toBe(1);
  });
});
