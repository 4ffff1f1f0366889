import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TraceData } from "../../../gateway/trace/events.ts";
import type { ExerciseRunner } from "../../../workshop/learn/run-test.ts";
import { type SharedRunner, sharedRunner } from "../../../workshop/learn/shared-runner.ts";
import { copyThisCheckout, type FixtureRepo } from "../../fixtures/fixture-repo.ts";

const throughTheGateway = "test/exercises/03-gateway-app/hello.test.ts";
const plainFunction = "test/exercises/02-cgi-hello-world/greeting.test.ts";

// A copy of the checkout, whose runner no other program (a lesson transcript's `learn check`,
// say) can be hosting. The first program hosts its runner; the second sends its runs there.
let copy: FixtureRepo;
let host: SharedRunner;
let guest: SharedRunner;

beforeAll(async () => {
  copy = copyThisCheckout();
  const { root } = copy;
  host = sharedRunner(root, path.join(root, "solutions"));
  guest = sharedRunner(root, path.join(root, "solutions"));
  expect(await host.host()).toBe("here");
  expect(await guest.host()).not.toBe("here");
});

afterAll(async () => {
  await guest?.close();
  await host?.close();
  await copy?.remove();
});

async function tracedRun(
  runner: ExerciseRunner,
  test: string,
): Promise<{ passed: boolean; traces: TraceData[] }> {
  let traces: TraceData[] | undefined;
  const outcomes = await runner.run([test], { onTraces: (heard) => (traces = heard) });
  if (traces === undefined) throw new Error("a traced run ended without its traces");
  return { passed: outcomes.get(test)?.passed === true, traces };
}

describe("a traced run of an exercise test", () => {
  it("hands back the trace of each request the test sent through the gateway, from the host's runner", async () => {
    const { passed, traces } = await tracedRun(guest, throughTheGateway);
    expect(passed).toBe(true);
    expect(traces.length).toBeGreaterThan(0);
    expect(traces.every((trace) => trace.done && trace.lanes[0]?.name === "server")).toBe(true);
  });

  it("hands back no traces when the test calls the learner's function without the gateway", async () => {
    const { passed, traces } = await tracedRun(host, plainFunction);
    expect(passed).toBe(true);
    expect(traces).toEqual([]);
  });
});
