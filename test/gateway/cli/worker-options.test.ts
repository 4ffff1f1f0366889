import { describe, expect, it } from "vitest";
import { UsageError } from "../../../gateway/cli/cli-error.ts";
import { readWorkerOptions } from "../../../gateway/cli/worker-options.ts";

describe("--workers and --graceful-timeout", () => {
  it("are absent unless given: one process, stopped at once", () => {
    expect(readWorkerOptions({})).toEqual({ workers: undefined, gracefulTimeout: undefined });
  });

  it("read a number of workers, or auto, and seconds as milliseconds", () => {
    expect(readWorkerOptions({ workers: "4", "graceful-timeout": "2.5" })).toEqual({
      workers: 4,
      gracefulTimeout: 2500,
    });
    expect(readWorkerOptions({ workers: "auto" }).workers).toBe("auto");
  });

  it.each(["0", "two", "-1", "1.5", ""])("refuse --workers %j, saying what they take", (text) => {
    expect(() => readWorkerOptions({ workers: text })).toThrow(
      new UsageError(
        `--workers must be a number of processes (1 or more), or auto for one per core, not "${text}".`,
      ),
    );
  });

  it("refuse a graceful timeout that is not a number of seconds", () => {
    expect(() => readWorkerOptions({ "graceful-timeout": "10s" })).toThrow(
      'must be a number of seconds, such as 10 or 0.5, not "10s".',
    );
  });
});
