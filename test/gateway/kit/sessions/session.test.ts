import { describe, expect, it } from "vitest";
import { type JsonValue, newSessionId, Session } from "../../../../gateway/kit/sessions/session.ts";

describe("Session", () => {
  it("starts unchanged, and is changed by set, delete, clear and regenerate", () => {
    for (const change of [
      (session: Session) => session.set("a", 1),
      (session: Session) => session.delete("a"),
      (session: Session) => session.clear(),
      (session: Session) => session.regenerate(),
    ]) {
      const session = new Session("id", { a: 1 }, false);
      expect(session.changed).toBe(false);
      change(session);
      expect(session.changed).toBe(true);
    }
  });

  it("hands out copies, so changing a value read from it changes nothing", () => {
    const session = new Session("id", { cart: ["apple"] }, false);
    (session.get("cart") as string[]).push("pear");
    expect([session.get("cart"), session.changed]).toEqual([["apple"], false]);
  });

  it("keeps a copy of what it is given, too", () => {
    const cart = ["apple"];
    const session = new Session("id", {}, true);
    session.set("cart", cart);
    cart.push("pear");
    expect(session.toJSON()).toEqual({ cart: ["apple"] });
  });

  it.each([
    ["a Date", new Date(0), /is Date: .*date.toISOString\(\)/],
    ["undefined", undefined, /is undefined: .*delete\(\)/],
    ["NaN", Number.NaN, /is NaN/],
    ["a Map deep inside", { list: [new Map()] }, /session value key.list\[0\] is Map/],
  ])("refuses %s, which JSON would not bring back", (_case, value, message) => {
    const session = new Session("id", {}, true);
    expect(() => session.set("key", value as JsonValue)).toThrow(message);
    expect(session.changed).toBe(false);
  });

  it("regenerates a new id for the same values, remembering the first id it retired", () => {
    const session = new Session("first", { user: "ada" }, false);
    session.regenerate();
    const second = session.id;
    session.regenerate();
    expect([session.retiredId, session.toJSON()]).toEqual(["first", { user: "ada" }]);
    expect(session.id).not.toBe(second);
    expect(session.id).not.toBe("first");
  });

  it("on destroy, forgets the values and the id", () => {
    const session = new Session("first", { user: "ada" }, false);
    session.destroy();
    expect([session.isEmpty, session.retiredId, session.id === "first"]).toEqual([
      true,
      "first",
      false,
    ]);
  });

  it("refuses changes once sealed, saying when to make them", () => {
    const session = new Session("id", {}, true);
    session.seal();
    expect(() => session.set("a", 1)).toThrow(/change it before calling startResponse/);
    expect(() => session.regenerate()).toThrow(/before calling startResponse/);
  });

  it("makes random ids of 32 bytes in base64url", () => {
    const id = newSessionId();
    expect(id).toMatch(/^[\w-]{43}$/);
    expect(newSessionId()).not.toBe(id);
  });
});
