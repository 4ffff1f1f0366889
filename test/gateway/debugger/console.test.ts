import { describe, expect, it } from "vitest";
import { UNAVAILABLE } from "../../../gateway/debugger/capture.ts";
import { evaluate } from "../../../gateway/debugger/console.ts";

describe("the console's evaluate", () => {
  it("reads the frame's variables by name", async () => {
    const answer = await evaluate("user.name.toUpperCase()", { user: { name: "Ada" } });
    expect(answer).toEqual({ ok: true, text: '"ADA"' });
  });

  it("reads the very objects the frame held, not copies", async () => {
    const cart = { items: [] as string[] };
    await evaluate("cart.items.push('tea')", { cart });
    expect(cart.items).toEqual(["tea"]);
  });

  it("binds the frame's this", async () => {
    const answer = await evaluate("this.greeting", { this: { greeting: "Hello" } });
    expect(answer.text).toBe('"Hello"');
  });

  it("awaits a promise for its value, and allows await", async () => {
    const load = async () => 42;
    expect((await evaluate("load()", { load })).text).toBe("42");
    expect((await evaluate("(await load()) + 1", { load })).text).toBe("43");
  });

  it("runs statements, which answer with what they return", async () => {
    const answer = await evaluate("const doubled = n * 2; return doubled;", { n: 21 });
    expect(answer).toEqual({ ok: true, text: "42" });
  });

  it("answers a thrown error as the error, not as a failure of the console", async () => {
    const answer = await evaluate("missing.name", {});
    expect(answer.ok).toBe(false);
    expect(answer.text).toBe("[ReferenceError: missing is not defined]");
    expect((await evaluate("1 +", {})).text).toMatch(/^\[SyntaxError: /);
  });

  it("throws, as the frame would have, on reading a variable the frame had not reached yet", async () => {
    const locals = { items: [4.5, 9], total: UNAVAILABLE };
    expect(await evaluate("total + 1", locals)).toEqual({
      ok: false,
      text: "[ReferenceError: Cannot access 'total' before initialization]",
    });
    expect(await evaluate("items.length", locals)).toEqual({ ok: true, text: "2" });
    expect(await evaluate("const total = 1; return total + items.length;", locals)).toEqual({
      ok: true,
      text: "3",
    });
  });

  it("stops a loop that never ends, and the server goes on", async () => {
    const answer = await evaluate("while (true) {}", {}, 200);
    expect(answer.ok).toBe(false);
    expect(answer.text).toMatch(/timed out after 200ms/);
    expect(await evaluate("1 + 1", {})).toEqual({ ok: true, text: "2" });
  });

  it("gives up on a promise that never settles", async () => {
    // A second, not less: starting the code must fit in the same budget on a busy machine.
    const answer = await evaluate("new Promise(() => {})", {}, 1_000);
    expect(answer).toEqual({ ok: false, text: "[Error: no answer after 1 s]" });
  });
});
