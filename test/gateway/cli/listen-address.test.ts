import { describe, expect, it } from "vitest";
import { UsageError } from "../../../gateway/cli/cli-error.ts";
import { listenAddress } from "../../../gateway/cli/listen-address.ts";

describe("listenAddress", () => {
  it("listens on 127.0.0.1 and the command's port by default", () => {
    expect(listenAddress({}, 8000, {})).toEqual({ host: "127.0.0.1", port: 8000 });
  });

  it("honours HOST and PORT when the flags are absent", () => {
    expect(listenAddress({}, 8000, { HOST: "0.0.0.0", PORT: "8080" })).toEqual({
      host: "0.0.0.0",
      port: 8080,
    });
  });

  it("prefers the flags to the environment", () => {
    const env = { HOST: "0.0.0.0", PORT: "8080" };
    expect(listenAddress({ host: "::1", port: "8003" }, 8000, env)).toEqual({
      host: "::1",
      port: 8003,
    });
  });

  it("ignores empty environment variables", () => {
    expect(listenAddress({}, 9000, { HOST: "", PORT: "" })).toEqual({
      host: "127.0.0.1",
      port: 9000,
    });
  });

  it("accepts port 0, which lets the system pick", () => {
    expect(listenAddress({ port: "0" }, 8000, {}).port).toBe(0);
  });

  it("refuses a port that is not a number from 0 to 65535, naming where it came from", () => {
    expect(() => listenAddress({ port: "eighty" }, 8000, {})).toThrow(UsageError);
    expect(() => listenAddress({ port: "65536" }, 8000, {})).toThrow(
      '--port must be a port number from 0 to 65535, not "65536".',
    );
    expect(() => listenAddress({}, 8000, { PORT: "-1" })).toThrow(
      'PORT must be a port number from 0 to 65535, not "-1".',
    );
  });
});
