/**
 * Limits: failed sign-ins (5 per username, 100 per address), all sign-ins
 * (300 per address) and sign-ups (20 per address), each in 15 minutes and
 * answered 429 with Retry-After; the address behind a trusted reverse proxy;
 * and the size of request bodies (413).
 * The rate limits run on a clock the tests move by hand.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createApp } from "../../solutions/signin/app.ts";
import { addressKey, SigninLimits } from "../../solutions/signin/rate-limit.ts";
import { openSqliteStore } from "../../solutions/signin/store/sqlite-store.ts";
import { type SigninClient, SigninFixture } from "./signin-fixture.ts";

const modules = { createApp, openSqliteStore };
const PASSWORD = "correct horse battery";
const MINUTE = 60_000;
let fixture: SigninFixture;
let clock: number;
let client: SigninClient;

beforeEach(async () => {
  clock = 1_000_000;
  fixture = await SigninFixture.open(modules, { now: () => clock });
  client = fixture.client();
  await client.signUp("ada", PASSWORD);
  await client.signOut();
});

afterEach(async () => {
  await fixture.close();
});

/** One sign-in from `address`; the client's own CSRF token, fetched once. */
async function attempt(username: string, password: string, address = "192.0.2.1") {
  const csrf_token = await client.csrfToken("/signin");
  const environ = { REMOTE_ADDR: address };
  return client.post("/signin", { form: { csrf_token, username, password }, environ });
}

describe("failed sign-ins for one username", () => {
  it("are answered 401 five times, then 429 with Retry-After, even with the right password", async () => {
    for (let i = 0; i < 5; i++) expect((await attempt("ada", "wrong guess")).statusCode).toBe(401);
    const refused = await attempt("ada", PASSWORD);
    expect(refused.status).toBe("429 Too Many Requests");
    expect(refused.header("Retry-After")).toBe("900");
    expect(refused.text).toContain("Too many failed sign-ins for this username");
  });

  it("count the username in any spelling that normalises to it", async () => {
    for (const name of ["ada", "ADA", " Ada", "ＡＤＡ", "aDa"]) await attempt(name, "wrong guess");
    expect((await attempt("ada", PASSWORD)).statusCode).toBe(429);
  });

  it("count for unknown usernames too, so a 429 tells nothing about who exists", async () => {
    for (let i = 0; i < 5; i++) await attempt("nobody", "wrong guess");
    expect((await attempt("nobody", "wrong guess")).statusCode).toBe(429);
  });

  it("are forgotten as the window slides: Retry-After counts down, then sign-in works", async () => {
    for (let i = 0; i < 5; i++) {
      await attempt("ada", "wrong guess");
      clock += MINUTE;
    }
    // The first failure was 5 minutes ago: it leaves the window in 10.
    expect((await attempt("ada", PASSWORD)).header("Retry-After")).toBe("600");
    clock += 10 * MINUTE;
    expect((await attempt("ada", PASSWORD)).statusCode).toBe(303);
  });

  it("start afresh after a successful sign-in", async () => {
    for (let i = 0; i < 4; i++) await attempt("ada", "wrong guess");
    expect((await attempt("ada", PASSWORD)).statusCode).toBe(303);
    await client.signOut();
    for (let i = 0; i < 4; i++) expect((await attempt("ada", "wrong guess")).statusCode).toBe(401);
  });

  it("are counted before the password check, so attempts sent at once cannot slip past", async () => {
    const token = await client.csrfToken("/signin");
    const form = { csrf_token: token, username: "ada", password: "wrong guess" };
    const answers = await Promise.all(
      Array.from({ length: 12 }, () => client.post("/signin", { form })),
    );
    const codes = answers.map((answer) => answer.statusCode);
    expect(codes.filter((code) => code === 401)).toHaveLength(5);
    expect(codes.filter((code) => code === 429)).toHaveLength(7);
  });
});

describe("failed sign-ins from one address", () => {
  it("are answered 429 past 100, for any username; other addresses go on", async () => {
    for (let i = 0; i < 100; i++) await attempt(`user${i}`, "wrong guess", "198.51.100.7");
    const refused = await attempt("ada", PASSWORD, "198.51.100.7");
    expect(refused.statusCode).toBe(429);
    expect(refused.header("Retry-After")).toBe("900");
    expect(refused.text).toContain("from your address");
    expect((await attempt("ada", PASSWORD, "198.51.100.8")).statusCode).toBe(303);
  });
});

describe("sign-ins from one address, successful ones included", () => {
  it("are answered 429 past 300 in 15 minutes, since each one costs a hash; other addresses go on", async () => {
    // A success takes its failure back, so without this limit a client that knows one
    // password could sign in again and again, and keep the server hashing.
    const limits = new SigninLimits(fixture.store.limits, () => clock);
    for (let i = 0; i < 300; i++) {
      await limits.attempt("ada", "192.0.2.50");
      await limits.succeeded("ada", "192.0.2.50");
    }
    await expect(limits.attempt("ada", "192.0.2.50")).rejects.toThrow(
      /Too many sign-ins from your address/,
    );
    await expect(limits.attempt("ada", "192.0.2.51")).resolves.toBeUndefined();
    clock += 15 * MINUTE;
    await expect(limits.attempt("ada", "192.0.2.50")).resolves.toBeUndefined();
  });

  // 300 sign-ins through the app, each a few commits to the disk: a busy laptop takes a while.
  it("answer 429 with Retry-After through the app", async () => {
    for (let i = 0; i < 300; i++) {
      expect((await attempt("ada", PASSWORD, "192.0.2.60")).statusCode).toBe(303);
    }
    const refused = await attempt("ada", PASSWORD, "192.0.2.60");
    expect(refused.status).toBe("429 Too Many Requests");
    expect(refused.header("Retry-After")).toBe("900");
    expect(refused.text).toContain("Too many sign-ins from your address");
  });
});

describe("an IPv6 address", () => {
  it("counts by its /64 network: a client holding one cannot get round the limit by changing address", async () => {
    // An IPv6 client is usually given a whole /64: 2^64 addresses to pick from.
    for (let i = 0; i < 100; i++) await attempt(`user${i}`, "wrong guess", `2001:db8:1:2::${i}`);
    expect((await attempt("ada", PASSWORD, "2001:db8:1:2:ffff:1:2:3")).statusCode).toBe(429);
    expect((await attempt("ada", PASSWORD, "2001:db8:1:3::1")).statusCode).toBe(303);
  });

  it("has one key for every way of writing the same /64, and IPv4 keeps its own", () => {
    const key = addressKey("2001:db8::1");
    expect(key).toBe("2001:db8:0:0::/64");
    for (const same of [
      "2001:DB8:0:0:ffff::",
      "2001:0db8:0000:0000:0:0:0:7",
      "2001:db8::1.2.3.4",
    ]) {
      expect(addressKey(same), same).toBe(key);
    }
    expect(addressKey("2001:db8:0:1::1")).not.toBe(key);
    expect(addressKey("::1")).toBe("0:0:0:0::/64");
    expect(addressKey("fe80::1%eth0")).toBe("fe80:0:0:0::/64");
    // A dual-stack server shows IPv4 clients as ::ffff:a.b.c.d: they stay one address each.
    expect(addressKey("::ffff:192.0.2.1")).toBe("192.0.2.1");
    expect(addressKey("192.0.2.1")).toBe("192.0.2.1");
    expect(addressKey("")).toBe("");
  });
});

describe("sign-ups from one address", () => {
  /** One sign-up from `address`, as a new visitor (each sign-up signs its user in). */
  async function signUpFrom(username: string, address: string) {
    const visitor = fixture.client();
    const csrf_token = await visitor.csrfToken("/signup");
    const form = { csrf_token, username, password: PASSWORD };
    return visitor.post("/signup", { form, environ: { REMOTE_ADDR: address } });
  }

  it("are answered 429 past 20 in 15 minutes, before any hash is made; other addresses go on", async () => {
    // Every sign-up costs a full scrypt (about 128 MiB and a few tenths of a second):
    // without a limit, one machine could keep the server hashing, and fill the database.
    for (let i = 0; i < 20; i++) {
      expect((await signUpFrom(`user${i}`, "203.0.113.9")).statusCode).toBe(303);
    }
    const refused = await signUpFrom("one-more", "203.0.113.9");
    expect(refused.status).toBe("429 Too Many Requests");
    expect(refused.header("Retry-After")).toBe("900");
    expect(refused.text).toContain("Too many sign-ups from your address");
    expect(await fixture.users.byUsername("one-more")).toBeUndefined();
    expect((await signUpFrom("one-more", "203.0.113.10")).statusCode).toBe(303);
    clock += 15 * MINUTE;
    expect((await signUpFrom("later", "203.0.113.9")).statusCode).toBe(303);
  });

  it("count the ones refused as taken (they cost a hash too), not the ones that break a rule", async () => {
    for (let i = 0; i < 20; i++) await signUpFrom("ada", "203.0.113.9");
    expect((await signUpFrom("x", "203.0.113.9")).statusCode, "a rule broken: 422").toBe(422);
    expect((await signUpFrom("grace", "203.0.113.9")).statusCode).toBe(429);
  });
});

describe("behind a reverse proxy named with --trust-proxy", () => {
  /** One sign-up through a proxy on 127.0.0.1, which reports `forwarded` as X-Forwarded-For. */
  async function signUpVia(app: SigninFixture, username: string, forwarded: string) {
    const visitor = app.client();
    const csrf_token = await visitor.csrfToken("/signup");
    const form = { csrf_token, username, password: PASSWORD };
    const headers = { "X-Forwarded-For": forwarded };
    return visitor.post("/signup", { form, headers, environ: { REMOTE_ADDR: "127.0.0.1" } });
  }

  it("counts each visitor apart by the address the proxy reports, which a visitor cannot forge", async () => {
    const proxied = await SigninFixture.open(modules, {
      now: () => clock,
      trustedProxies: ["127.0.0.1"],
    });
    try {
      for (let i = 0; i < 20; i++) {
        expect((await signUpVia(proxied, `user${i}`, "203.0.113.9")).statusCode).toBe(303);
      }
      expect((await signUpVia(proxied, "one-more", "203.0.113.9")).statusCode).toBe(429);
      // The visitor wrote another address first; the proxy added the one it came from.
      const forged = await signUpVia(proxied, "one-more", "203.0.113.10, 203.0.113.9");
      expect(forged.statusCode).toBe(429);
      expect((await signUpVia(proxied, "someone", "203.0.113.10")).statusCode).toBe(303);
    } finally {
      await proxied.close();
    }
  });

  it("is one address for every visitor when no proxy is named: the header is not believed", async () => {
    for (let i = 0; i < 20; i++) await signUpVia(fixture, `user${i}`, `203.0.113.${i}`);
    expect((await signUpVia(fixture, "one-more", "203.0.113.99")).statusCode).toBe(429);
  });
});

describe("usernames longer than any account's", () => {
  it("are counted by their first 64 characters, so a flood of them cannot fill the database", async () => {
    // Each failed attempt keeps its username as a key for 15 minutes; a form may
    // carry 8 KiB of it. No account's name is longer than 32 characters.
    const limits = new SigninLimits(fixture.store.limits, () => clock);
    const long = "x".repeat(64);
    for (let i = 0; i < 5; i++)
      await limits.attempt(`${long}${"y".repeat(8000)}${i}`, `192.0.2.${i}`);
    await expect(limits.attempt(`${long}z`, "192.0.2.99")).rejects.toThrow(/for this username/);
    await expect(limits.attempt(long.slice(1), "192.0.2.99")).resolves.toBeUndefined();
  });
});

describe("a request body", () => {
  it("past 8 KiB is refused with 413, however it arrives", async () => {
    const csrf_token = await client.csrfToken("/signin");
    const form = { csrf_token, username: "ada", password: "x".repeat(9000) };
    expect((await client.post("/signin", { form })).statusCode).toBe(413);
    expect((await client.post("/signup", { form })).statusCode).toBe(413);
    const declared = {
      body: "a=b",
      headers: { "content-length": "100000", "content-type": "application/x-www-form-urlencoded" },
    };
    expect((await client.http.post("/signin", declared)).statusCode).toBe(413);
  });

  it("that is not a form is refused with 415, and one that is not UTF-8 with 400", async () => {
    expect((await client.post("/signin", { json: { username: "ada" } })).statusCode).toBe(415);
    const headers = { "content-type": "application/x-www-form-urlencoded" };
    const notUtf8 = new Uint8Array([0x75, 0x3d, 0xff, 0xfe]);
    expect((await client.post("/signin", { body: notUtf8, headers })).statusCode).toBe(400);
  });
});
