import { afterAll, describe, expect, it } from "vitest";
import { fastcgiRequest, params } from "../../support/fastcgi-client.ts";
import { freePort } from "../../support/free-port.ts";
import { runGateway } from "../cli/run-gateway.ts";
import { fetchRaw } from "../http-helpers.ts";
import { GatewayProcess, stopAll } from "./gateway-process.ts";

// Each test starts a supervisor and its workers (Node and tsx, three times):
// allow for a busy machine, and run them side by side.
const slow = { timeout: 60_000 };

afterAll(stopAll);

/** Asks until two different processes have answered (a few tries: connections go to each worker in turn). */
async function answeringPids(ask: () => Promise<string>): Promise<Set<string>> {
  const pids = new Set<string>();
  for (let tries = 0; tries < 20 && pids.size < 2; tries += 1) {
    const answer = await ask();
    expect(answer).toMatch(/^pid \d+ multiprocess true\n$/);
    pids.add(answer.split(" ")[1] as string);
  }
  return pids;
}

describe.concurrent("serving with --workers", () => {
  it(
    "gateway serve APP --workers 2 answers from two processes, each told gateway.multiprocess",
    slow,
    async () => {
      const server = await GatewayProcess.serve([
        "serve",
        "workers.ts",
        "--workers",
        "2",
        "--port",
        "0",
      ]);
      expect(server.stdout).toContain(`Serving workers.ts on ${server.url} (Ctrl-C to stop)`);
      const [, listed] = await server.waitFor(
        "stdout",
        new RegExp(
          `^2 workers \\(pids (\\d+, \\d+)\\)\\. To reload them one at a time: ` +
            `kill -HUP ${server.child.pid}, or npx gateway reload --port ${server.port}$`,
          "m",
        ),
      );
      const pids = server.listeningPids();
      expect(listed?.split(", ").map(Number).sort()).toEqual([...pids].sort());
      // A new connection for each request: the supervisor hands each one to the next worker.
      const answered = await answeringPids(async () =>
        (await fetchRaw(server.url)).body.toString(),
      );
      expect([...answered].sort()).toEqual(pids.map(String).sort());
      expect(await server.stop("SIGINT")).toBe(0);
    },
  );

  it("gateway fastcgi APP --workers 2 answers from two processes too", slow, async () => {
    const server = await GatewayProcess.serve([
      "fastcgi",
      "workers.ts",
      "--workers",
      "2",
      "--port",
      "0",
    ]);
    const answered = await answeringPids(async () =>
      (await fastcgiRequest(server.port, params())).body.toString(),
    );
    expect(answered.size).toBe(2);
    expect(await server.stop("SIGTERM")).toBe(0);
  });

  it(
    "gateway reload replaces every worker, and says so once the old ones have stopped",
    slow,
    async () => {
      const server = await GatewayProcess.serve([
        "serve",
        "workers.ts",
        "--workers",
        "2",
        "--port",
        "0",
      ]);
      const before = server.listeningPids();
      const reload = await runGateway(["reload", "--port", String(server.port)]);
      const after = server.listeningPids().slice(2);
      expect(reload.stdout).toBe(`reloaded: workers ${after.join(", ")} serve now\n`);
      expect(reload.code).toBe(0);
      expect(after).toHaveLength(2);
      expect(after.filter((pid) => before.includes(pid))).toEqual([]);
      const answered = await answeringPids(async () =>
        (await fetchRaw(server.url)).body.toString(),
      );
      expect([...answered].sort()).toEqual(after.map(String).sort());
      await server.stop();
    },
  );

  it(
    "a workshop script serves with workers through serveUntilStopped, announcing once",
    slow,
    async () => {
      const script = await GatewayProcess.serve(["workshop-script.ts"], GatewayProcess.program);
      await script.waitFor("stdout", /^after serveUntilStopped, in pid \d+$/m);
      const answered = await answeringPids(async () =>
        (await fetchRaw(script.url)).body.toString(),
      );
      expect(answered.size).toBe(2);
      // The program ran in three processes; what follows the call, in the supervisor's alone.
      expect(script.stdout.match(/Serving workers\.ts on/g)).toHaveLength(1);
      expect(script.stdout).toContain(`after serveUntilStopped, in pid ${script.child.pid}\n`);
      expect(script.stdout.match(/after serveUntilStopped/g)).toHaveLength(1);
      expect(await script.stop("SIGINT")).toBe(0);
    },
  );

  it("gateway reload says so when no server with workers listens there", slow, async () => {
    const port = await freePort();
    const { code, stderr } = await runGateway(["reload", "--port", String(port)]);
    expect(stderr).toContain(
      `gateway: no server started with --workers listens on 127.0.0.1:${port}, so nothing was reloaded.`,
    );
    expect(code).toBe(1);
  });
});
