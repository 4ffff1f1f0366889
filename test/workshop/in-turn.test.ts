import { describe, expect, it } from "vitest";
import { InTurn } from "../../workshop/in-turn.ts";

/** A task that records when it starts and ends, and finishes when told to. */
function task(log: string[], name: string, fail = false) {
  let finish = () => {};
  const finished = new Promise<void>((resolve) => {
    finish = resolve;
  });
  const run = async () => {
    log.push(`${name} starts`);
    await finished;
    log.push(`${name} ends`);
    if (fail) throw new Error(`${name} failed`);
    return name;
  };
  return { run, finish };
}

describe("tasks in turn", () => {
  it("starts each task only once the one before has settled, in the order given", async () => {
    const log: string[] = [];
    const line = new InTurn();
    const [first, second] = [task(log, "first"), task(log, "second")];
    const results = [line.run(first.run), line.run(second.run)];
    await Promise.resolve();
    expect(log).toEqual(["first starts"]);
    second.finish();
    first.finish();
    expect(await Promise.all(results)).toEqual(["first", "second"]);
    expect(log).toEqual(["first starts", "first ends", "second starts", "second ends"]);
  });

  it("runs the next task after one that failed, and hands the failure to its caller only", async () => {
    const log: string[] = [];
    const line = new InTurn();
    const [failing, next] = [task(log, "failing", true), task(log, "next")];
    failing.finish();
    next.finish();
    const failed = line.run(failing.run);
    const after = line.run(next.run);
    await expect(failed).rejects.toThrow("failing failed");
    expect(await after).toBe("next");
  });

  it("says when every task given so far has settled, a failed one too", async () => {
    const log: string[] = [];
    const line = new InTurn();
    const failing = task(log, "failing", true);
    line.run(failing.run).catch(() => {});
    const settled = line.settled().then(() => log.push("settled"));
    failing.finish();
    await settled;
    expect(log).toEqual(["failing starts", "failing ends", "settled"]);
  });
});
