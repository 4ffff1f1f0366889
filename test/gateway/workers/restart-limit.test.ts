import { describe, expect, it } from "vitest";
import { RestartLimit } from "../../../gateway/workers/restart-limit.ts";

/** What a limit says of deaths at `times` (ms), of workers that had listened unless told. */
function verdicts(times: number[], listened = true, options = {}) {
  let now = 0;
  const limit = new RestartLimit(options, () => now);
  return times.map((time) => {
    now = time;
    return limit.count(listened);
  });
}

describe("the crash-loop guard (RestartLimit)", () => {
  it("is reached at the third death within 10 s", () => {
    expect(verdicts([0, 4_000, 9_999])).toEqual([undefined, undefined, "3 times within 10 s"]);
  });

  it("forgets deaths older than 10 s: a worker that dies now and then is replaced for ever", () => {
    expect(verdicts([0, 6_000, 10_000, 16_000, 20_000, 26_000])).toEqual(Array(6).fill(undefined));
  });

  it("is reached at the third death in a row before listening, however slow each start was", () => {
    expect(verdicts([0, 20_000, 40_000], false)).toEqual([
      undefined,
      undefined,
      "3 times in a row before it listened",
    ]);
  });

  it("starts counting again once a worker has listened", () => {
    let now = 0;
    const limit = new RestartLimit({}, () => now);
    const deaths = [false, false, true, false, false].map((listened) => {
      now += 20_000;
      return limit.count(listened);
    });
    expect(deaths).toEqual(Array(5).fill(undefined));
  });

  it("counts as many deaths, within as long, as it is told", () => {
    expect(verdicts([0, 59_000], true, { deaths: 2, within: 60_000 })).toEqual([
      undefined,
      "2 times within 60 s",
    ]);
  });
});
