import { describe, expect, it } from "vitest";
import { UsageError } from "../../../gateway/cli/cli-error.ts";
import { parseCommand } from "../../../gateway/cli/command.ts";
import { appServerOptions as options } from "../../../gateway/cli/serve-app.ts";

describe("parseCommand", () => {
  it("reads the operand and the options in any order", () => {
    const { operand, values } = parseCommand(
      ["--port", "8003", "app.ts:hello", "--validate"],
      "FILE",
      options,
    );
    expect(operand).toBe("app.ts:hello");
    expect(values).toEqual({ port: "8003", validate: true });
  });

  it("says when the operand is missing", () => {
    expect(() => parseCommand(["--validate"], "FILE[:EXPORT]", options)).toThrow(
      new UsageError("FILE[:EXPORT] is missing."),
    );
  });

  it("refuses a second operand", () => {
    expect(() => parseCommand(["a.ts", "b.ts"], "FILE", options)).toThrow(
      'one FILE only, but "b.ts" follows it.',
    );
  });

  it("turns an unknown option into a usage error", () => {
    expect(() => parseCommand(["a.ts", "--verbose"], "FILE", options)).toThrow(UsageError);
    expect(() => parseCommand(["a.ts", "--verbose"], "FILE", options)).toThrow(/--verbose/);
  });

  it("turns an option without its value into a usage error", () => {
    expect(() => parseCommand(["a.ts", "--port"], "FILE", options)).toThrow(UsageError);
  });
});
