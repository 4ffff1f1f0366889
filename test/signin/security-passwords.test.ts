/**
 * Passwords: scrypt at OWASP's cost, a salt per user, the parameters kept
 * with the hash, a constant-time comparison, and an unknown username that
 * costs the same one hash as a wrong password and gets the same answer.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createApp } from "../../solutions/signin/app.ts";
import {
  type DeriveKey,
  dummyHash,
  hashPassword,
  OWASP_COST,
  parseHash,
  scryptKey,
  verifyPassword,
} from "../../solutions/signin/passwords.ts";
import { openSqliteStore } from "../../solutions/signin/store/sqlite-store.ts";
import { CHEAP_COST, SigninFixture } from "./signin-fixture.ts";

const modules = { createApp, openSqliteStore };
const cheap = { cost: CHEAP_COST };
let fixture: SigninFixture | undefined;

afterEach(async () => {
  await fixture?.close();
  fixture = undefined;
});

describe("the stored password hash", () => {
  it("is scrypt at OWASP's parameters (N=2^17, r=8, p=1) when the app is not told otherwise", async () => {
    // The one test that pays for a real hash (a few tenths of a second, more on a busy machine).
    fixture = await SigninFixture.open(modules, { passwords: undefined });
    const answer = await fixture.client().signUp("ada", "correct horse battery");
    expect(answer.statusCode).toBe(303);
    const stored = (await fixture.users.byUsername("ada"))?.passwordHash ?? "";
    expect(stored).toMatch(/^scrypt\$17\$8\$1\$[\w-]{22}\$[\w-]{43}$/);
    expect(parseHash(stored)?.cost).toEqual(OWASP_COST);
    expect(OWASP_COST).toEqual({ log2N: 17, r: 8, p: 1 });
  });

  it("holds a 16-byte salt of its own for every user, so equal passwords hash differently", async () => {
    fixture = await SigninFixture.open(modules);
    await fixture.client().signUp("ada", "the same password");
    await fixture.client().signUp("grace", "the same password");
    const ada = parseHash((await fixture.users.byUsername("ada"))?.passwordHash ?? "");
    const grace = parseHash((await fixture.users.byUsername("grace"))?.passwordHash ?? "");
    expect(ada?.salt.byteLength).toBe(16);
    expect(ada?.salt.equals(grace?.salt ?? Buffer.alloc(0))).toBe(false);
    expect(ada?.key.equals(grace?.key ?? Buffer.alloc(0))).toBe(false);
  });

  it("is never the password itself", async () => {
    fixture = await SigninFixture.open(modules);
    await fixture.client().signUp("ada", "correct horse battery");
    const row = fixture.store.db.prepare("SELECT * FROM users").get();
    expect(JSON.stringify(row)).not.toContain("correct horse");
  });
});

describe("verifyPassword", () => {
  it("accepts the password a hash was made from, and no other", async () => {
    const stored = await hashPassword("correct horse", cheap);
    expect(await verifyPassword("correct horse", stored)).toBe(true);
    expect(await verifyPassword("correct horsE", stored)).toBe(false);
    expect(await verifyPassword("", stored)).toBe(false);
  });

  it("uses the cost stored with the hash, not today's default", async () => {
    const old = await hashPassword("correct horse", { cost: { log2N: 5, r: 4, p: 2 } });
    expect(old.startsWith("scrypt$5$4$2$")).toBe(true);
    expect(await verifyPassword("correct horse", old)).toBe(true);
  });

  it("matches nothing for a tampered, truncated or foreign hash, without throwing", async () => {
    const stored = await hashPassword("correct horse", cheap);
    const parts = stored.split("$");
    const otherKey = [...parts.slice(0, 5), Buffer.alloc(32).toString("base64url")].join("$");
    const shortKey = [...parts.slice(0, 5), Buffer.alloc(8).toString("base64url")].join("$");
    for (const bad of [otherKey, shortKey, "", "plain text", "$2b$12$bcrypt...", `${stored}$`]) {
      expect(await verifyPassword("correct horse", bad), bad).toBe(false);
    }
  });

  it("refuses to run a stored hash that asks for an unreasonable cost", () => {
    expect(parseHash("scrypt$30$8$1$c2FsdHNhbHRzYWx0c2FsdA$a2V5")).toBeUndefined();
    expect(parseHash("scrypt$0$8$1$c2FsdHNhbHRzYWx0c2FsdA$a2V5")).toBeUndefined();
  });

  it("treats a password typed in two Unicode forms as the same password (NFKC)", async () => {
    const composed = "caf\u00e9 au lait"; // é as one character
    const decomposed = "cafe\u0301 au lait"; // e, then the combining accent
    const stored = await hashPassword(composed, cheap);
    expect(await verifyPassword(decomposed, stored)).toBe(true);
  });

  it("never matches the dummy hash, which carries the given cost", async () => {
    const dummy = dummyHash(CHEAP_COST);
    expect(parseHash(dummy)?.cost).toEqual(CHEAP_COST);
    expect(await verifyPassword("", dummy)).toBe(false);
    expect(await verifyPassword("password", dummy)).toBe(false);
  });
});

describe("signing in with an unknown username", () => {
  let derivations: number;
  const counting: DeriveKey = (password, salt, cost) => {
    derivations += 1;
    return scryptKey(password, salt, cost);
  };

  beforeEach(async () => {
    derivations = 0;
    fixture = await SigninFixture.open(modules, {
      passwords: { cost: CHEAP_COST, derive: counting },
    });
  });

  it("costs exactly one hash, as a wrong password for a real user does", async () => {
    const client = fixture?.client();
    await client?.signUp("ada", "correct horse battery");
    derivations = 0;
    await client?.signIn("nobody", "correct horse battery");
    expect(derivations, "an unknown username must still be hashed once").toBe(1);
    derivations = 0;
    await client?.signIn("ada", "a wrong password");
    expect(derivations).toBe(1);
  });

  it("gets the same status and the same message as a wrong password", async () => {
    const client = fixture?.client();
    await client?.signUp("ada", "correct horse battery");
    await client?.signOut();
    const unknown = await client?.signIn("nobody", "correct horse battery");
    const wrong = await client?.signIn("ada", "a wrong password");
    expect(unknown?.status).toBe("401 Unauthorized");
    expect(wrong?.status).toBe("401 Unauthorized");
    expect(unknown?.text).toContain("Wrong username or password.");
    // Word for word the same page, once the name typed is taken out.
    expect(unknown?.text.replace('value="nobody"', "")).toBe(
      wrong?.text.replace('value="ada"', ""),
    );
  });
});
