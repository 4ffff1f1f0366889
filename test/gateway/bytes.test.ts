import { describe, expect, it } from "vitest";
import { collect, concat, decode, encode } from "../../gateway/bytes.ts";

describe("bytes and text", () => {
  it("encodes text as UTF-8 and decodes it back", () => {
    expect([...encode("é✓")]).toEqual([0xc3, 0xa9, 0xe2, 0x9c, 0x93]);
    expect(decode(encode("é✓"))).toBe("é✓");
  });

  it("gives each text its own plain Uint8Array, not a Node Buffer", () => {
    const [first, second] = [encode("ab"), encode("cd")];
    expect(Object.getPrototypeOf(first)).toBe(Uint8Array.prototype);
    first[0] = 0x7a;
    expect(decode(second)).toBe("cd");
    expect(decode(first)).toBe("zb");
  });

  it("decodes a character split across two chunks", () => {
    const [first, second] = [encode("é").slice(0, 1), encode("é").slice(1)];
    expect(decode([first, second])).toBe("é");
  });

  it("joins chunks into one array", () => {
    expect([...concat([Uint8Array.of(1), Uint8Array.of(), Uint8Array.of(2, 3)])]).toEqual([
      1, 2, 3,
    ]);
  });

  it("collects a sync or async body to its end", async () => {
    async function* body() {
      yield encode("a");
      yield encode("b");
    }
    expect(decode(await collect(body()))).toBe("ab");
    expect(decode(await collect([encode("c"), encode("d")]))).toBe("cd");
  });

  it("throws a RangeError past the limit, instead of filling memory", async () => {
    const body = [encode("1234"), encode("5678")];
    await expect(collect(body, { limit: 5 })).rejects.toThrow(RangeError);
    expect((await collect(body, { limit: 8 })).byteLength).toBe(8);
  });
});
