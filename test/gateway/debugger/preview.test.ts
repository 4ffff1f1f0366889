import { describe, expect, it } from "vitest";
import { UNAVAILABLE } from "../../../gateway/debugger/capture.ts";
import { LONG, preview, SHORT } from "../../../gateway/debugger/preview.ts";

describe("preview", () => {
  it("shows plain values as JavaScript would write them", () => {
    expect(preview({ name: "Ada", tags: ["a", "b"], age: 36, big: 10n, none: null })).toBe(
      '{ name: "Ada", tags: ["a", "b"], age: 36, big: 10n, none: null }',
    );
    expect(preview(undefined)).toBe("undefined");
    expect(preview(Symbol("s"))).toBe("Symbol(s)");
  });

  it("shows a variable the debugger could not read as unavailable, not as a symbol", () => {
    expect(preview(UNAVAILABLE)).toBe("<value unavailable>");
    expect(preview({ total: UNAVAILABLE })).toBe("{ total: <value unavailable> }");
  });

  it("marks a value met again inside itself as circular", () => {
    const node: Record<string, unknown> = { name: "loop" };
    node.self = node;
    expect(preview(node)).toBe('{ name: "loop", self: [Circular] }');
  });

  it("shows the same object twice side by side without calling it circular", () => {
    const shared = { n: 1 };
    expect(preview([shared, shared])).toBe("[{ n: 1 }, { n: 1 }]");
  });

  it("never calls a getter, even one that throws", () => {
    let calls = 0;
    const tricky = {
      plain: 1,
      get boom(): never {
        calls += 1;
        throw new Error("getter ran");
      },
    };
    expect(preview(tricky)).toBe("{ plain: 1, boom: [Getter] }");
    expect(calls).toBe(0);
  });

  it("never runs a Proxy's traps", () => {
    const trapped = new Proxy(
      {},
      {
        get: () => {
          throw new Error("trap ran");
        },
        ownKeys: () => {
          throw new Error("trap ran");
        },
      },
    );
    expect(preview({ trapped })).toBe("{ trapped: Proxy }");
  });

  it("never runs the traps of a Proxy met on an object's prototype chain", () => {
    const trap = () => {
      throw new Error("trap ran");
    };
    const inherits = Object.create(
      new Proxy({}, { get: trap, getPrototypeOf: trap, getOwnPropertyDescriptor: trap }),
    );
    inherits.own = 1;
    expect(preview(inherits)).toBe("{ own: 1 }");
    expect(preview(Object.assign(new Error("bad"), { name: inherits }))).toBe("[Error: bad]");
  });

  it("never runs a typed array's own length getter", () => {
    class Sneaky extends Uint8Array {
      override get length(): number {
        throw new Error("length ran");
      }
    }
    expect(preview(new Sneaky([1, 2]))).toBe("Sneaky(2) [1, 2]");
  });

  it("never runs toString, toJSON or a class's own size getter", () => {
    class Sneaky extends Map<string, number> {
      override get size(): number {
        throw new Error("size ran");
      }
    }
    const value = {
      toString: () => {
        throw new Error("toString ran");
      },
      map: new Sneaky([["a", 1]]),
    };
    expect(preview(value)).toBe('{ toString: [Function toString], map: Map(1) { "a" => 1 } }');
  });

  it("cuts a huge string, saying how long it was", () => {
    const text = preview("x".repeat(5_000));
    expect(text).toBe(`"${"x".repeat(SHORT.string)}…" (5000 characters)`);
  });

  it("shows only the first items of a long list, object, Map or Set", () => {
    const many = Array.from({ length: 50 }, (_, i) => i);
    expect(preview(many)).toBe("[0, 1, 2, 3, 4, 5, 6, 7, 8, 9, … 40 more]");
    expect(preview(new Set(many))).toContain("… 40 more }");
    expect(preview(Object.fromEntries(many.map((i) => [`k${i}`, i])))).toContain(
      "k9: 9, … 40 more }",
    );
  });

  it("stops at its depth", () => {
    expect(preview({ a: { b: { c: { d: 1 } } } })).toBe("{ a: { b: [Object] } }");
    expect(preview({ a: { b: { c: { d: 1 } } } }, LONG)).toBe("{ a: { b: { c: { d: 1 } } } }");
  });

  it("keeps within its total length however wide the value", () => {
    const wide = Array.from({ length: 10 }, () =>
      Array.from({ length: 10 }, () => "y".repeat(100)),
    );
    expect(preview(wide).length).toBeLessThanOrEqual(SHORT.total + 1);
  });

  it("names classes, errors, dates, functions and objects without a prototype", () => {
    class Point {
      constructor(
        readonly x: number,
        readonly y: number,
      ) {}
    }
    expect(preview(new Point(1, 2))).toBe("Point { x: 1, y: 2 }");
    expect(preview(new TypeError("bad"))).toBe("[TypeError: bad]");
    expect(preview(new Date(0))).toBe("1970-01-01T00:00:00.000Z");
    expect(preview(Point)).toBe("[class Point]");
    expect(preview(() => 1)).toBe("[Function (anonymous)]");
    expect(preview(Object.create(null))).toBe("[Object: null prototype] {}");
    expect(preview(new Uint8Array([1, 2]))).toBe("Uint8Array(2) [1, 2]");
  });
});
