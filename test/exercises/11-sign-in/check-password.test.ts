/**
 * Exercise 11-check-password: `verifyPassword(password, stored, options)`
 * checks a password against its stored scrypt hash, in constant time.
 */
import * as crypto from "node:crypto";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { exerciseExport, loadExercise } from "../load-exercise.ts";
import { signinSection } from "./signin-tree.ts";

vi.mock("node:crypto", async (importOriginal) => {
  const real = await importOriginal<typeof import("node:crypto")>();
  return { ...real, timingSafeEqual: vi.fn(real.timingSafeEqual) };
});

interface ScryptCost {
  log2N: number;
  r: number;
  p: number;
}
type DeriveKey = (password: string, salt: Buffer, cost: ScryptCost) => Promise<Buffer>;
interface PasswordOptions {
  cost?: ScryptCost;
  derive?: DeriveKey;
}
interface PasswordsModule {
  hashPassword(password: string, options?: PasswordOptions): Promise<string>;
  scryptKey: DeriveKey;
}

// Test files share loaded modules (vitest.config.ts): load passwords.ts
// again, so that it sees the wrapped node:crypto.
vi.resetModules();
const section = signinSection("Exercise: check the password");
const verifyPassword = await exerciseExport<
  (password: string, stored: string, options?: PasswordOptions) => Promise<boolean>
>("signin/passwords.ts", "verifyPassword", "function", section);
const { hashPassword, scryptKey } = await loadExercise<PasswordsModule>("signin/passwords.ts");

const cheap = { cost: { log2N: 4, r: 8, p: 1 } };
let stored: string;

beforeEach(async () => {
  stored = await hashPassword("correct horse", cheap);
  vi.mocked(crypto.timingSafeEqual).mockClear();
});

describe("verifyPassword", () => {
  it("accepts the password the hash was made from", async () => {
    expect(
      await verifyPassword("correct horse", stored),
      `verifyPassword("correct horse", hashPassword("correct horse")) must be true; ${section.see}`,
    ).toBe(true);
  });

  it("refuses any other password", async () => {
    for (const wrong of ["correct horsE", "correct horse ", "", "stored"]) {
      expect(
        await verifyPassword(wrong, stored),
        `${JSON.stringify(wrong)} must not match; ${section.see}`,
      ).toBe(false);
    }
  });

  it("uses the salt and cost stored in the hash, not today's default", async () => {
    const old = await hashPassword("correct horse", { cost: { log2N: 5, r: 4, p: 2 } });
    expect(
      await verifyPassword("correct horse", old),
      `derive with parsed.cost and parsed.salt from the stored string; ${section.see}`,
    ).toBe(true);
  });

  it("derives once, with options.derive when it is given", async () => {
    const calls: ScryptCost[] = [];
    const derive: DeriveKey = (password, salt, cost) => {
      calls.push(cost);
      return scryptKey(password, salt, cost);
    };
    await verifyPassword("correct horse", stored, { derive });
    expect(
      calls,
      `call options.derive (when given) exactly once, with the stored cost; ${section.see}`,
    ).toEqual([cheap.cost]);
  });

  it("compares the keys with timingSafeEqual", async () => {
    await verifyPassword("a wrong password", stored);
    expect(
      crypto.timingSafeEqual,
      `compare with timingSafeEqual from node:crypto: === or .equals() stop at the first difference, and the time tells; ${section.see}`,
    ).toHaveBeenCalled();
  });

  it("matches nothing, without throwing, for a hash it cannot read or a key of another length", async () => {
    const short = [...stored.split("$").slice(0, 5), "c2hvcnQ"].join("$");
    for (const bad of ["", "not a hash", "$2b$12$abcdefghijklmnopqrstuv", short]) {
      expect(
        await verifyPassword("correct horse", bad),
        `${JSON.stringify(bad)} must give false: parseHash gives undefined, or the lengths differ; ${section.see}`,
      ).toBe(false);
    }
  });
});
