import { once } from "node:events";
import http from "node:http";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TestClient } from "../../../gateway/test-client.ts";
import type { ExerciseRunner, TestOutcome } from "../../../workshop/learn/run-test.ts";
import { runnerService, type ServiceState } from "../../../workshop/learn/runner-service.ts";
import { candidatePorts, sharedRunner } from "../../../workshop/learn/shared-runner.ts";
import type { FixtureRepo } from "../../fixtures/fixture-repo.ts";
import { makeFixtureRepo } from "../../fixtures/fixture-repo.ts";
import { greetTest, servingRunner, shoutTest } from "../../support/learn.ts";

let repo: FixtureRepo;
let tree: string;

beforeAll(async () => {
  repo = await makeFixtureRepo({ commit: false });
  tree = path.join(repo.root, "starter");
});

afterAll(async () => {
  await repo?.remove();
});

describe("sharedRunner", () => {
  it("sends a second program's runs to the first one's runner, and takes over when it leaves", async () => {
    const first = sharedRunner(repo.root, tree);
    const second = sharedRunner(repo.root, tree);
    try {
      await first.run([greetTest]);
      expect(await first.host()).toBe("here");
      const outcomes = await second.run([shoutTest]);
      expect(outcomes.get(shoutTest)?.failure?.message).toContain(
        "must export a function named shout",
      );
      const host = await second.host();
      expect(host).toMatchObject({ service: "gateway-learn-runner", root: repo.root, tree });
      expect((await servingRunner(repo.root, tree)).runs).toBe(2);
      await first.close();
      // The first program left: the second finds the port free and hosts.
      expect((await second.run([greetTest])).get(greetTest)?.passed).toBe(false);
      expect(await second.host()).toBe("here");
    } finally {
      await first.close();
      await second.close();
    }
  });

  it("starts no runner, and serves none, for a run of nothing", async () => {
    const runner = sharedRunner(repo.root, tree);
    try {
      expect(await runner.run([])).toEqual(new Map());
      await expect(servingRunner(repo.root, tree)).rejects.toThrow("no shared runner serves");
    } finally {
      await runner.close();
    }
  });

  it("passes over a port that another program holds", async () => {
    const [taken] = candidatePorts(repo.root, tree);
    const stranger = http.createServer((_request, response) => response.end("not a runner"));
    stranger.listen(taken, "127.0.0.1");
    // Another test file's runner may hold the port already: held either way, as this test needs.
    await once(stranger, "listening").catch(() => {});
    const runner = sharedRunner(repo.root, tree);
    try {
      expect(await runner.host()).toBe("here");
      const serving = await servingRunner(repo.root, tree);
      expect(serving).toMatchObject({ runs: 0 });
      expect(serving.port).not.toBe(taken);
    } finally {
      await runner.close();
      stranger.close();
    }
  });
});

describe("runnerService", () => {
  const passed: TestOutcome = { passed: true, output: "" };
  const fake: ExerciseRunner = {
    async run(tests, events) {
      events?.onBusy?.();
      for (const test of tests) events?.onOutcome?.(test, passed);
      return new Map(tests.map((test) => [test, passed]));
    },
    close: async () => {},
  };
  const state: ServiceState = { runner: fake, root: "/w", tree: "/w/starter", runs: 0 };
  const client = new TestClient(runnerService(state));
  const json = {
    "Content-Type": "application/json",
    "X-Learn-Runner": "1",
    Host: "127.0.0.1:80",
  };
  const test = "test/exercises/a.test.ts";

  it("streams one JSON line per event of the run", async () => {
    const response = await client.post("/run", { headers: json, json: { tests: [test] } });
    expect(response.header("Content-Type")).toBe("application/x-ndjson");
    const lines = response.text.trimEnd().split("\n");
    expect(lines.map((line) => JSON.parse(line))).toEqual([
      { busy: true },
      { test, outcome: passed },
      { done: true },
    ]);
  });

  it("runs nothing for a web page: no header without asking, or another site's name", async () => {
    const { "X-Learn-Runner": _header, ...plain } = json;
    const unasked = await client.post("/run", { headers: plain, json: { tests: [test] } });
    expect(unasked.status).toBe("403 Forbidden");
    const rebound = { ...json, Host: "evil.example:80" };
    const named = await client.post("/run", { headers: rebound, json: { tests: [test] } });
    expect(named.status).toBe("403 Forbidden");
  });

  it("runs only its checkout's own test files, and answers 400 to anything else", async () => {
    for (const tests of [
      "all",
      ["/tmp/evil.test.ts"],
      ["test/../../elsewhere.test.ts"],
      ["test/a.ts"],
    ]) {
      const response = await client.post("/run", { headers: json, json: { tests } });
      expect(response.status, JSON.stringify(tests)).toBe("400 Bad Request");
    }
  });
});
