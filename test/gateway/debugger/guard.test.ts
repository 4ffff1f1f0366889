import { describe, expect, it } from "vitest";
import { Guard, MAX_WRONG_SECRETS } from "../../../gateway/debugger/guard.ts";
import { isLoopbackAddress } from "../../../gateway/loopback.ts";
import type { Environ } from "../../../gateway/types.ts";

/** Only the keys the guard reads. */
function request(keys: Record<string, string | undefined>): Environ {
  return { REMOTE_ADDR: "127.0.0.1", HTTP_HOST: "localhost:8010", ...keys } as unknown as Environ;
}

describe("the guard's place check", () => {
  it.each(["127.0.0.1", "127.8.9.10", "::1", "::ffff:127.0.0.1"])(
    "takes %s as loopback",
    (address) => {
      expect(isLoopbackAddress(address)).toBe(true);
    },
  );

  it.each(["10.0.0.5", "192.168.1.2", "::ffff:10.0.0.1", "1270.0.0.1", "", "localhost"])(
    "refuses %s as a remote address",
    (address) => {
      expect(new Guard().checkPlace(request({ REMOTE_ADDR: address })).allowed).toBe(false);
    },
  );

  it.each(["localhost", "localhost:8010", "127.0.0.1:8010", "[::1]:8010", "LOCALHOST"])(
    "accepts the Host %s",
    (host) => {
      expect(new Guard().checkPlace(request({ HTTP_HOST: host })).allowed).toBe(true);
    },
  );

  it.each([
    undefined,
    "evil.example",
    "localhost.evil.example",
    "127.0.0.1.evil.example",
    "evil.example:8010",
  ])("refuses the Host %s", (host) => {
    expect(new Guard().checkPlace(request({ HTTP_HOST: host })).allowed).toBe(false);
  });

  it("accepts a loopback Origin, and refuses any other, null included", () => {
    const guard = new Guard();
    expect(guard.checkPlace(request({ HTTP_ORIGIN: "http://localhost:8010" })).allowed).toBe(true);
    expect(guard.checkPlace(request({ HTTP_ORIGIN: "http://127.0.0.1:8010" })).allowed).toBe(true);
    expect(guard.checkPlace(request({ HTTP_ORIGIN: "http://evil.example" })).allowed).toBe(false);
    expect(guard.checkPlace(request({ HTTP_ORIGIN: "null" })).allowed).toBe(false);
  });
});

describe("the guard's secret check", () => {
  it("makes a different secret for each guard", () => {
    expect(new Guard().secret).not.toBe(new Guard().secret);
  });

  it("allows the right secret, from the right place", () => {
    const guard = new Guard();
    expect(guard.checkSecret(request({ HTTP_X_DEBUGGER_SECRET: guard.secret }))).toEqual({
      allowed: true,
    });
  });

  it("refuses the right secret from another machine", () => {
    const guard = new Guard();
    const verdict = guard.checkSecret(
      request({ HTTP_X_DEBUGGER_SECRET: guard.secret, REMOTE_ADDR: "10.0.0.5" }),
    );
    expect(verdict.allowed).toBe(false);
  });

  it("says how to send a missing secret", () => {
    const verdict = new Guard().checkSecret(request({}));
    expect(verdict).toEqual({
      allowed: false,
      reason: expect.stringContaining("X-Debugger-Secret"),
    });
  });

  it("locks after too many wrong secrets, until a new guard (a restart)", () => {
    const guard = new Guard();
    for (let i = 1; i < MAX_WRONG_SECRETS; i++) {
      const verdict = guard.checkSecret(request({ HTTP_X_DEBUGGER_SECRET: `guess-${i}` }));
      expect(verdict).toEqual({
        allowed: false,
        reason: expect.stringContaining(`${MAX_WRONG_SECRETS - i} more wrong`),
      });
    }
    const last = guard.checkSecret(request({ HTTP_X_DEBUGGER_SECRET: "one guess too many" }));
    expect(last).toEqual({ allowed: false, reason: expect.stringContaining("locked") });
    const locked = guard.checkSecret(request({ HTTP_X_DEBUGGER_SECRET: guard.secret }));
    expect(locked).toEqual({ allowed: false, reason: expect.stringContaining("locked") });
  });
});
