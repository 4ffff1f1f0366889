import http from "node:http";
import { afterAll, describe, expect, it } from "vitest";
import { fetchRaw } from "../http-helpers.ts";
import { GatewayProcess, stopAll } from "./gateway-process.ts";

// Fault and load tests: each starts a supervisor and its workers, kills or
// reloads them, and waits for what the supervisor prints. One after
// another, since each loads the machine.

afterAll(stopAll);

/** `gateway serve workers.ts --workers 2` plus `args`, once it serves. */
function serveTwo(...args: string[]) {
  return GatewayProcess.serve(["serve", "workers.ts", "--workers", "2", "--port", "0", ...args]);
}

/** The pid that answered a request to the fixture app. */
async function pidAnswering(url: string, agent: http.Agent | false = false): Promise<number> {
  const { body } = await fetchRaw(url, agent ? { agent } : {});
  return Number(/^pid (\d+)/.exec(body.toString())?.[1]);
}

/**
 * Requests one after another in four lanes at once, until `stop()`: two
 * open a new connection for each request, as a proxy in front does; two
 * keep their connection open between requests, as browsers and load
 * tools do.
 */
function steadyStream(url: string) {
  let running = true;
  const answered: number[] = [];
  const failed: unknown[] = [];
  const keepAlive = new http.Agent({ keepAlive: true, maxSockets: 2 });
  const lane = async (agent: http.Agent | false) => {
    while (running) {
      try {
        answered.push(await pidAnswering(url, agent));
      } catch (error) {
        failed.push(error);
      }
    }
  };
  const lanes = [lane(false), lane(false), lane(keepAlive), lane(keepAlive)];
  const done = Promise.all(lanes).then(() => keepAlive.destroy());
  return {
    answered,
    failed,
    async stop() {
      running = false;
      await done;
    },
  };
}

/** Starts a request whose body stays open: the app answers its first line, then waits for the rest. */
function heldRequest(url: string) {
  const request = http.request(`${url}hold`, { method: "POST", agent: false });
  request.flushHeaders();
  const answer = new Promise<string>((resolve, reject) => {
    request.on("response", (response) => {
      let text = "";
      response.setEncoding("utf8");
      response.on("data", (chunk: string) => {
        text += chunk;
        if (text.includes("\n")) firstLine(text);
      });
      response.on("end", () => resolve(text));
      response.on("error", reject);
    });
    request.on("error", reject);
  });
  let firstLine: (text: string) => void = () => {};
  const started = new Promise<number>((resolve) => {
    firstLine = (text) => resolve(Number(/pid (\d+)/.exec(text)?.[1]));
  });
  return { started, answer, end: () => request.end("the rest of the body") };
}

describe.runIf(process.platform !== "win32")("the supervisor", () => {
  it("replaces a worker killed with kill -9, while the other keeps answering", async () => {
    const server = await serveTwo();
    const [killed, other] = (await server.listeningPids(2)) as [number, number];
    process.kill(killed, "SIGKILL");
    const dying = server.stderr.length;
    await server.waitFor(
      "stderr",
      /worker \d \(pid \d+\) died \(signal SIGKILL\): starting another\./,
    );
    for (let i = 0; i < 6; i += 1) expect(await pidAnswering(server.url)).toBe(other);
    const [, newPid] = await server.waitFor("stderr", /\(pid (\d+)\) listening/, dying);
    const answered = new Set<number>();
    while (!answered.has(Number(newPid))) answered.add(await pidAnswering(server.url));
    expect([...answered].sort()).toEqual([other, Number(newPid)].sort());
    expect(await server.stop()).toBe(0);
  });

  it("replaces a worker whose app throws where nothing catches it, and logs that error", async () => {
    const server = await serveTwo();
    const from = server.stderr.length;
    const crashed = await pidAnswering(`${server.url}crash`);
    const death = await server.waitFor(
      "stderr",
      new RegExp(
        `worker \\d \\(pid ${crashed}\\) died \\(exit code 1\\): starting another\\. ` +
          "Its error:\nError: crashed on purpose\n {4}at ",
      ),
      from,
    );
    await server.waitFor("stderr", /listening/, from + death.index + death[0].length);
    expect(await server.listeningPids(3)).toHaveLength(3);
    expect(await server.stop()).toBe(0);
  });

  it("reloads on SIGHUP under a steady stream of requests, and loses none", async () => {
    const server = await serveTwo();
    const before = await server.listeningPids(2);
    const stream = steadyStream(server.url);
    const reloading = server.stderr.length;
    server.child.kill("SIGHUP");
    await server.waitFor("stderr", /^Reloaded: workers .* serve now$/m, reloading);
    const duringReload = stream.answered.length;
    // A few more, to see the new workers answer.
    while (stream.answered.length < duringReload + 10) await pidAnswering(server.url);
    await stream.stop();
    expect(stream.failed).toEqual([]);
    const after = (await server.listeningPids(4)).slice(2);
    expect(after.filter((pid) => before.includes(pid))).toEqual([]);
    expect(new Set(stream.answered.slice(duringReload))).toEqual(new Set(after));
    expect(duringReload).toBeGreaterThan(0);
    expect(await server.stop()).toBe(0);
  });

  it("stops for good, with the worker's error, when a worker keeps dying as it loads the app", async () => {
    const server = GatewayProcess.start(["serve", "broken.ts", "--workers", "2", "--port", "0"]);
    expect(await server.exited).toBe(1);
    // Each death is logged, with the worker's error (whole once, then "the same").
    expect(server.stderr).toMatch(
      /worker \d \(pid \d+\) died \(exit code 1\): starting another\. Its error:\nError: broken on purpose\n {4}at /,
    );
    expect(server.stderr).toMatch(
      /died \(exit code 1\): starting another\. Its error: the same as above\.\n/,
    );
    expect(server.stderr).toMatch(
      /\ngateway: worker \d died 3 times in a row before it listened, so the server stopped: starting it again would only fail again\. Its last error: Error: broken on purpose\n$/,
    );
    expect(server.stdout).toBe("");
  });

  it.each([
    ["SIGTERM, sent to the supervisor", (server: GatewayProcess) => server.child.kill("SIGTERM")],
    [
      "Ctrl-C, which reaches every process of the terminal",
      (server: GatewayProcess) => server.ctrlC(),
    ],
  ])(
    "stops gracefully on %s: a request under way finishes, and its finally runs",
    async (_, stop) => {
      const args = ["serve", "workers.ts", "--workers", "2", "--port", "0"];
      const server = await GatewayProcess.serve(args, GatewayProcess.inTerminal);
      const held = heldRequest(server.url);
      const pid = await held.started;
      stop(server);
      // Its worker has stopped listening, and waits for the request to finish.
      await server.waitFor(
        "stderr",
        new RegExp(`\\(pid ${pid}\\) stopping: requests under way may finish within 10 s`),
      );
      held.end();
      expect(await held.answer).toBe(`started by pid ${pid}\ndone\n`);
      expect(await server.exited).toBe(0);
      expect(server.stdout).toContain(`hold: finally ran in pid ${pid}\n`);
    },
  );

  it("cuts a request still running when the graceful timeout is up, and its finally runs", async () => {
    const server = await serveTwo("--graceful-timeout", "0.2");
    const client = http.get(`${server.url}endless`, { agent: false });
    const response = await new Promise<http.IncomingMessage>((resolve) =>
      client.on("response", resolve),
    );
    response.resume();
    client.on("error", () => {}); // the cut
    expect(await server.stop("SIGINT")).toBe(0);
    expect(server.stdout).toContain(
      "Stopping (SIGINT)... requests under way may finish within 0.2 s",
    );
    expect(server.stdout).toMatch(/endless: finally ran in pid \d+\n/);
  });
});
