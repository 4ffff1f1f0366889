import { describe, expect, it } from "vitest";
import { Signer } from "../../../../gateway/kit/sessions/signing.ts";
import { KEY, OLD_KEY } from "./apps.ts";

describe("Signer", () => {
  const signer = new Signer([KEY]);

  it("signs a value and checks it back", () => {
    expect(signer.unsign("session", signer.sign("session", "42"))).toEqual({
      value: "42",
      keyIndex: 0,
    });
  });

  it("keeps dots inside the value", () => {
    expect(signer.unsign("session", signer.sign("session", "a.b.c"))?.value).toBe("a.b.c");
  });

  it("refuses a changed value, a changed signature, and no signature", () => {
    const signed = signer.sign("session", "42");
    expect(signer.unsign("session", `43${signed.slice(2)}`)).toBeUndefined();
    expect(signer.unsign("session", `${signed.slice(0, -1)}x`)).toBeUndefined();
    expect(signer.unsign("session", "42")).toBeUndefined();
    expect(signer.unsign("session", `${signed}x`)).toBeUndefined();
  });

  it("refuses a value signed for another cookie name", () => {
    expect(signer.unsign("remember", signer.sign("session", "42"))).toBeUndefined();
  });

  it("signs with the first key and accepts every key, saying which one matched", () => {
    const old = new Signer([OLD_KEY]).sign("session", "42");
    const rotated = new Signer([KEY, OLD_KEY]);
    expect(rotated.unsign("session", old)).toEqual({ value: "42", keyIndex: 1 });
    expect(new Signer([KEY]).unsign("session", rotated.sign("session", "42"))).toBeDefined();
    expect(new Signer([KEY]).unsign("session", old)).toBeUndefined();
  });

  it("accepts keys as bytes", () => {
    const bytes = new Uint8Array(32).fill(7);
    expect(new Signer([bytes]).unsign("s", new Signer([bytes]).sign("s", "v"))?.value).toBe("v");
  });

  it("refuses no keys, and keys shorter than 32 bytes, saying how to make one", () => {
    expect(() => new Signer([])).toThrow(/need keys/);
    expect(() => new Signer([KEY, "short"])).toThrow(
      /session key 1 is 5 bytes: .*randomBytes\(32\)/,
    );
    expect(() => new Signer([undefined as unknown as string])).toThrow(
      /session key 0 is undefined/,
    );
  });
});
