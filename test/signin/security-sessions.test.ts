/**
 * Sessions: a new id on sign-in (no session fixation), sign-out that ends
 * the session on the server, cookie attributes, and cookies that are
 * forged or tampered with.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createApp } from "../../solutions/signin/app.ts";
import { openSqliteStore } from "../../solutions/signin/store/sqlite-store.ts";
import { SESSION_COOKIE, SigninFixture, sessionIdOf } from "./signin-fixture.ts";

const modules = { createApp, openSqliteStore };
const PASSWORD = "correct horse battery";
let fixture: SigninFixture;

beforeEach(async () => {
  fixture = await SigninFixture.open(modules);
  await fixture.client().signUp("ada", PASSWORD);
});

afterEach(async () => {
  await fixture.close();
});

async function isSignedIn(client: ReturnType<SigninFixture["client"]>): Promise<boolean> {
  return (await client.get("/private")).statusCode === 200;
}

describe("signing in", () => {
  it("gives the session a new id, and the store forgets the old one", async () => {
    const client = fixture.client();
    await client.get("/signin"); // the form's CSRF token starts a session
    const before = client.sessionCookie;
    expect(before).toBeDefined();
    await client.signIn("ada", PASSWORD);
    const after = client.sessionCookie;
    expect(sessionIdOf(after)).not.toBe(sessionIdOf(before));
    expect(await fixture.store.sessions.get(sessionIdOf(before))).toBeUndefined();
    expect(await fixture.store.sessions.get(sessionIdOf(after))).toMatchObject({ userId: 1 });
  });

  it("leaves a session id planted before sign-in worth nothing (session fixation)", async () => {
    const attacker = fixture.client();
    await attacker.get("/signup");
    const planted = attacker.sessionCookie ?? "";
    const victim = fixture.client();
    victim.sessionCookie = planted; // set by a sibling subdomain, a proxy, a shared computer...
    await victim.signIn("ada", PASSWORD);
    expect(await isSignedIn(victim)).toBe(true);
    expect(victim.sessionCookie).not.toBe(planted);
    expect(await isSignedIn(attacker), "the planted id must not be signed in").toBe(false);
  });

  it("drops what the session held before, the old CSRF token included", async () => {
    const client = fixture.client();
    const before = await client.csrfToken("/signin");
    await client.signIn("ada", PASSWORD);
    const after = await client.csrfToken("/");
    expect(after).not.toBe("");
    expect(after).not.toBe(before);
  });
});

describe("signing out", () => {
  it("ends the session on the server: a copy of the old cookie grants nothing", async () => {
    const client = fixture.client();
    await client.signIn("ada", PASSWORD);
    const copy = client.sessionCookie ?? "";
    await client.signOut();
    expect(await fixture.store.sessions.get(sessionIdOf(copy))).toBeUndefined();

    const thief = fixture.client();
    thief.sessionCookie = copy;
    expect(await isSignedIn(thief)).toBe(false);
    expect((await thief.get("/")).text).toContain("You are not signed in.");
    expect(await isSignedIn(client)).toBe(false);
  });
});

describe("the session cookie", () => {
  it("is HttpOnly, SameSite=Lax, scoped to the app, with a lifetime, and not Secure over http", async () => {
    const answer = await fixture.client().get("/signin");
    const cookie = answer.header("Set-Cookie") ?? "";
    expect(cookie).toMatch(new RegExp(`^${SESSION_COOKIE}=[\\w-]+\\.[\\w-]+;`));
    expect(cookie).toContain("; HttpOnly");
    expect(cookie).toContain("; SameSite=Lax");
    expect(cookie).toContain("; Path=/");
    expect(cookie).toMatch(/; Max-Age=\d+/);
    expect(cookie).not.toContain("Secure");
  });

  it("is Secure when the request came over https", async () => {
    const https = { environ: { "gateway.url_scheme": "https" as const } };
    const answer = await fixture.client().get("/signin", https);
    expect(answer.header("Set-Cookie")).toContain("; Secure");
  });

  it("is always Secure when the app is told so (behind an HTTPS proxy), and a __Host- cookie", async () => {
    const behindProxy = await SigninFixture.open(modules, { secure: true });
    try {
      const answer = await behindProxy.client().get("/signin");
      const cookie = answer.header("Set-Cookie") ?? "";
      expect(cookie).toContain("; Secure");
      // No sibling subdomain can set a cookie of this name: it must come from this host, at Path=/.
      expect(cookie).toMatch(/^__Host-session=[\w-]+\.[\w-]+;/);
      expect(cookie).toContain("; Path=/");
      expect(cookie).not.toContain("Domain");
    } finally {
      await behindProxy.close();
    }
  });

  it("is sent only when the session changed: a plain page view sets nothing", async () => {
    const client = fixture.client();
    await client.signIn("ada", PASSWORD);
    await client.get("/"); // shows (and clears) the flash, makes the sign-out token
    const quiet = await client.get("/private");
    expect(quiet.header("Set-Cookie")).toBeUndefined();
  });
});

describe("a forged or tampered session cookie", () => {
  it("signs nobody in when it is made up", async () => {
    const client = fixture.client();
    for (const forged of ["1", "userId=1", "abc.def", `${"A".repeat(43)}.${"B".repeat(43)}`]) {
      client.sessionCookie = forged;
      expect(await isSignedIn(client), forged).toBe(false);
    }
  });

  it("signs nobody in when one character of a real cookie changed", async () => {
    const client = fixture.client();
    await client.signIn("ada", PASSWORD);
    const real = client.sessionCookie ?? "";
    const flip = (text: string, at: number) =>
      text.slice(0, at) + (text[at] === "A" ? "B" : "A") + text.slice(at + 1);
    const thief = fixture.client();
    thief.sessionCookie = flip(real, 0); // the id
    expect(await isSignedIn(thief)).toBe(false);
    thief.sessionCookie = flip(real, real.length - 1); // the signature
    expect(await isSignedIn(thief)).toBe(false);
    expect(await isSignedIn(client), "the real cookie still works").toBe(true);
  });

  it("signs nobody in when it was signed with another key", async () => {
    const client = fixture.client();
    await client.signIn("ada", PASSWORD);
    const other = await SigninFixture.open(modules, {
      sessionKeys: ["a different key, also 32 bytes or more"],
      store: fixture.store,
    });
    try {
      const stranger = other.client();
      stranger.sessionCookie = client.sessionCookie ?? "";
      expect(await isSignedIn(stranger)).toBe(false);
    } finally {
      await other.close();
    }
  });
});
