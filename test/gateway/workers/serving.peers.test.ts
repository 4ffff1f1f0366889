import { afterAll, describe, expect, it } from "vitest";
import { fastcgiRequest, params } from "../../support/fastcgi-client.ts";
import { runGateway } from "../cli/run-gateway.ts";
import { fetchRaw } from "../http-helpers.ts";
import { answeringPids, GatewayProcess, stopAll } from "./gateway-process.ts";

// Each test starts a supervisor and its workers (Node and tsx, three times
// or more), one after another.

afterAll(stopAll);

describe("serving with workers", () => {
  it("gateway fastcgi APP --workers 2 answers from two processes, each told gateway.multiprocess", async () => {
    const args = ["fastcgi", "workers.ts", "--workers", "2", "--port", "0"];
    const server = await GatewayProcess.serve(args);
    expect(server.stdout).toContain(`fastcgi_pass 127.0.0.1:${server.port};`);
    const answered = await answeringPids(async () =>
      (await fastcgiRequest(server.port, params())).body.toString(),
    );
    expect([...answered].sort()).toEqual((await server.listeningPids(2)).sort());
    expect(await server.stop("SIGTERM")).toBe(0);
  });

  it("gateway reload replaces every worker, and says so once the old ones have stopped", async () => {
    const args = ["serve", "workers.ts", "--workers", "2", "--port", "0"];
    const server = await GatewayProcess.serve(args);
    const before = await server.listeningPids(2);
    const reload = await runGateway(["reload", "--port", String(server.port)]);
    const after = (await server.listeningPids(4)).slice(2);
    expect(reload.stdout).toBe(`reloaded: workers ${after.join(", ")} serve now\n`);
    expect(reload.code).toBe(0);
    expect(after).toHaveLength(2);
    expect(after.filter((pid) => before.includes(pid))).toEqual([]);
    const answered = await answeringPids(async () => (await fetchRaw(server.url)).body.toString());
    expect([...answered].sort()).toEqual([...after].sort());
    expect(await server.stop()).toBe(0);
  });

  it("a workshop script serves with workers through serveUntilStopped, and announces once", async () => {
    const script = await GatewayProcess.serve(["workshop-script.ts"], GatewayProcess.program);
    await script.waitFor("stdout", /^after serveUntilStopped, in pid \d+$/m);
    const answered = await answeringPids(async () => (await fetchRaw(script.url)).body.toString());
    expect(answered.size).toBe(2);
    // The program ran in three processes; what follows the call, in the supervisor's alone.
    expect(script.stdout.match(/Serving workers\.ts on/g)).toHaveLength(1);
    expect(script.stdout.match(/after serveUntilStopped/g)).toHaveLength(1);
    expect(script.stdout).toContain(`after serveUntilStopped, in pid ${script.child.pid}\n`);
    expect(await script.stop("SIGINT")).toBe(0);
  });
});
