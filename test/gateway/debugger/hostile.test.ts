import { describe, expect, it } from "vitest";
import type { App } from "../../../gateway/types.ts";
import { debugged } from "./apps.ts";

// Built, so that the source lines the page shows do not hold it.
const trapRan = ["trap", "ran"].join(" ");
const trap = () => {
  throw new Error(trapRan);
};
const everyTrap = {
  get: trap,
  getPrototypeOf: trap,
  getOwnPropertyDescriptor: trap,
  has: trap,
  ownKeys: trap,
};

/** Errors whose own code throws when the debugger reads them the ordinary way. */
const hostile: Record<string, () => unknown> = {
  "a message getter that throws": () =>
    Object.defineProperty(new Error("x"), "message", { get: trap }),
  "a name whose toString throws": () => Object.assign(new Error("x"), { name: { toString: trap } }),
  "a message whose Symbol.toPrimitive throws": () =>
    Object.assign(new Error("x"), { message: { [Symbol.toPrimitive]: trap } }),
  "a stack getter that throws": () => Object.defineProperty(new Error("x"), "stack", { get: trap }),
  "a Proxy whose every trap throws": () => new Proxy(new Error("x"), everyTrap),
};

const representations = ["text/html", "application/json", "*/*"];

describe("errors that fight back", () => {
  for (const [name, make] of Object.entries(hostile)) {
    it(`still get the debugger's report: ${name}`, async () => {
      const fails: App = () => {
        throw make();
      };
      const { client } = debugged(fails);
      for (const accept of representations) {
        const failed = await client.get("/", { headers: { Accept: accept } });
        expect(failed.statusCode).toBe(500);
        expect(failed.errors, `the ${accept} answer`).toContain(
          "answered with the debugger's page",
        );
        expect(failed.text + failed.errors).not.toContain(trapRan);
      }
    });
  }

  it("keep a huge message short in every answer and in the log", async () => {
    const huge = "m".repeat(2_000_000);
    const { client } = debugged(() => {
      throw new Error(huge);
    });
    for (const accept of representations) {
      const failed = await client.get("/", { headers: { Accept: accept } });
      expect(failed.text.length, `the ${accept} answer`).toBeLessThan(100_000);
      expect(failed.text).toContain("(2000000 characters)");
      expect(failed.errors.length, "the log").toBeLessThan(100_000);
    }
  });

  it("cannot steer the terminal that prints the text answer or the log", async () => {
    const esc = String.fromCharCode(0x1b);
    const { client } = debugged((environ) => {
      throw new Error(`no such page: ${environ.PATH_INFO}`);
    });
    const failed = await client.get("/%1B]0;owned%07%1B[2J");
    expect(failed.statusCode).toBe(500);
    expect(failed.text).toContain("\\u001b]0;owned\\u0007");
    expect(failed.text + failed.errors).not.toContain(esc);
  });
});
