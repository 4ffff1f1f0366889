import { describe, expect, it } from "vitest";
import { RestartLimit } from "../../../gateway/workers/restart-limit.ts";

/** A limit on a clock the test moves by hand. */
function limitAt(times: number[]) {
  let now = 0;
  const limit = new RestartLimit({}, () => now);
  return times.map((time) => {
    now = time;
    return limit.reached();
  });
}

describe("the crash-loop guard (RestartLimit)", () => {
  it("is reached at the third death within 10 s", () => {
    expect(limitAt([0, 4_000, 9_999])).toEqual([false, false, true]);
  });

  it("forgets deaths older than 10 s: a worker that dies now and then is replaced for ever", () => {
    expect(limitAt([0, 6_000, 10_000, 16_000, 20_000, 26_000])).toEqual([
      false,
      false,
      false,
      false,
      false,
      false,
    ]);
  });

  it("counts as many deaths, within as long, as it is told", () => {
    let now = 0;
    const limit = new RestartLimit({ deaths: 2, within: 60_000 }, () => now);
    expect(limit.reached()).toBe(false);
    now = 59_000;
    expect(limit.reached()).toBe(true);
  });
});
