import { afterEach, describe, expect, it, vi } from "vitest";
import { MemoryStore } from "../../../../gateway/kit/sessions/memory-store.ts";

afterEach(() => {
  vi.useRealTimers();
});

/** An hour from now: far enough that no busy machine sees the session expire during a test. */
const LATER = Date.now() + 3_600_000;

describe("MemoryStore", () => {
  it("keeps, gives back and deletes sessions by id", async () => {
    const store = new MemoryStore();
    await store.set("a", { user: "ada" }, LATER);
    expect(await store.get("a")).toEqual({ user: "ada" });
    await store.delete("a");
    expect([await store.get("a"), store.size]).toEqual([undefined, 0]);
  });

  it("gives back a copy, which the caller may change freely", async () => {
    const store = new MemoryStore();
    await store.set("a", { cart: ["apple"] }, LATER);
    const first = (await store.get("a")) as { cart: string[] };
    first.cart.push("pear");
    expect(await store.get("a")).toEqual({ cart: ["apple"] });
  });

  it("forgets a session once it expired", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    const store = new MemoryStore();
    await store.set("a", { user: "ada" }, Date.now() + 1000);
    vi.setSystemTime(Date.now() + 1000);
    expect([await store.get("a"), store.size]).toEqual([undefined, 0]);
  });

  it("drops the session written longest ago when full", async () => {
    const store = new MemoryStore({ maxSessions: 2 });
    await store.set("a", {}, LATER);
    await store.set("b", {}, LATER);
    await store.set("a", { again: true }, LATER);
    await store.set("c", {}, LATER);
    expect([await store.get("a"), await store.get("b"), await store.get("c"), store.size]).toEqual([
      { again: true },
      undefined,
      {},
      2,
    ]);
  });

  it("refuses a bound that is not a whole number of at least 1", () => {
    expect(() => new MemoryStore({ maxSessions: 0 })).toThrow(/at least 1/);
  });
});
