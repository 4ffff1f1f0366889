import { afterEach, describe, expect, it, vi } from "vitest";
import { httpErrors } from "../../../../gateway/kit/http-error-middleware.ts";
import { seeOther } from "../../../../gateway/kit/redirects.ts";
import {
  MemoryStore,
  type SessionOptions,
  sessionOf,
  sessions,
} from "../../../../gateway/kit/sessions/index.ts";
import { TestClient } from "../../../../gateway/test-client.ts";
import type { App, Environ } from "../../../../gateway/types.ts";
import { KEY, sessionApp } from "./apps.ts";

const variants: Array<[string, () => Partial<SessionOptions>]> = [
  ["signed-cookie sessions", () => ({})],
  ["server-side sessions", () => ({ store: new MemoryStore() })],
];

afterEach(() => {
  vi.useRealTimers();
});

describe.each(variants)("%s", (_name, variant) => {
  function client(options: Partial<SessionOptions> = {}): TestClient {
    return new TestClient(sessions({ keys: [KEY], ...variant(), ...options })(sessionApp()));
  }

  it("remembers a value from one request to the next", async () => {
    const browser = client();
    expect((await browser.get("/count")).json()).toBe(1);
    expect((await browser.get("/count")).json()).toBe(2);
    expect((await browser.get("/peek")).json()).toMatchObject({
      isNew: false,
      data: { visits: 2 },
    });
  });

  it("sends no cookie when the session did not change", async () => {
    const response = await client().get("/peek");
    expect(response.header("Set-Cookie")).toBeUndefined();
    expect(response.json()).toMatchObject({ isNew: true, data: {} });
  });

  it("makes the cookie HttpOnly, SameSite=Lax, with Max-Age, and Path /", async () => {
    const setCookie = (await client().get("/count")).header("Set-Cookie") ?? "";
    expect(setCookie).toMatch(/^session=[^;]+; Max-Age=1209600; Path=\/; HttpOnly; SameSite=Lax$/);
  });

  it("scopes the cookie to SCRIPT_NAME, and marks it Secure over HTTPS", async () => {
    const response = await client().get("/count", {
      environ: { SCRIPT_NAME: "/app", "gateway.url_scheme": "https" },
    });
    expect(response.header("Set-Cookie")).toMatch(/; Path=\/app; Secure; HttpOnly; SameSite=Lax$/);
  });

  it("uses the cookie name, lifetime and attributes it is given", async () => {
    const browser = client({
      cookieName: "sid",
      maxAge: 60,
      secure: true,
      sameSite: "Strict",
      path: "/",
    });
    const setCookie = (await browser.get("/count", { environ: { SCRIPT_NAME: "/app" } })).header(
      "Set-Cookie",
    );
    expect(setCookie).toMatch(
      /^sid=[^;]+; Max-Age=60; Path=\/; Secure; HttpOnly; SameSite=Strict$/,
    );
  });

  it("saves a change made in a generator's first step, before its lazy startResponse", async () => {
    const browser = client();
    expect((await browser.get("/lazy")).header("Set-Cookie")).toBeDefined();
    expect((await browser.get("/peek")).json()).toMatchObject({ data: { lazy: true } });
  });

  it("saves a change made by an app that answers through write()", async () => {
    const browser = client();
    expect((await browser.get("/write")).text).toBe("written");
    expect((await browser.get("/peek")).json()).toMatchObject({ data: { written: true } });
  });

  it("refuses a change made after startResponse, when the cookie has gone into the headers", async () => {
    const response = await client().get("/late");
    expect(response.statusCode).toBe(500);
    expect(response.errors).toContain("change it before calling startResponse");
  });

  it("gives the session a new id on regenerate(), keeping its values", async () => {
    const browser = client();
    await browser.get("/count");
    const before = (await browser.get("/peek")).json() as { id: string };
    const after = (await browser.post("/sign-in")).json() as { id: string; data: object };
    expect(after.id).not.toBe(before.id);
    expect(after.data).toEqual({ visits: 1, user: "ada" });
    expect((await browser.get("/peek")).json()).toMatchObject({
      id: after.id,
      data: { user: "ada" },
    });
  });

  it("removes the cookie and forgets everything on destroy()", async () => {
    const browser = client();
    await browser.post("/sign-in");
    const response = await browser.post("/sign-out");
    expect(response.header("Set-Cookie")).toMatch(/^session=; Max-Age=0; Expires=Thu, 01 Jan 1970/);
    expect((await browser.get("/peek")).json()).toMatchObject({ isNew: true, data: {} });
  });

  it("gives a new, empty session when the cookie is tampered with, never an error", async () => {
    const browser = client();
    await browser.get("/count");
    const cookie = browser.cookies?.get("session") ?? "";
    const flipped = cookie.at(-1) === "A" ? "B" : "A";
    browser.cookies?.set("session", cookie.slice(0, -1) + flipped);
    const response = await browser.get("/peek");
    expect([response.statusCode, response.json()]).toMatchObject([200, { isNew: true, data: {} }]);
  });

  it.each(["", "garbage", "a.b.c", "%%%", ".", "x".repeat(5000)])(
    "gives a new, empty session for the malformed cookie %j",
    async (value) => {
      const response = await client().get("/peek", { headers: { Cookie: `session=${value}` } });
      expect([response.statusCode, response.json()]).toMatchObject([
        200,
        { isNew: true, data: {} },
      ]);
    },
  );

  it("gives a new, empty session for a cookie signed with a key it does not know", async () => {
    const other = client({ keys: ["another key, long enough to be accepted!"] });
    await other.get("/count");
    const browser = client();
    browser.cookies?.set("session", other.cookies?.get("session") ?? "");
    expect((await browser.get("/peek")).json()).toMatchObject({ isNew: true, data: {} });
  });

  it("gives a new, empty session once the session expired", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    const browser = client({ maxAge: 60 });
    await browser.get("/count");
    vi.setSystemTime(Date.now() + 59_000);
    expect((await browser.get("/peek")).json()).toMatchObject({ isNew: false });
    vi.setSystemTime(Date.now() + 2_000);
    expect((await browser.get("/peek")).json()).toMatchObject({ isNew: true, data: {} });
  });
});

describe("sessions with httpErrors inside", () => {
  it("saves the session when the app throws a redirect right after changing it", async () => {
    const signIn: App = (environ) => {
      sessionOf(environ).set("user", "ada");
      throw seeOther("/");
    };
    const browser = new TestClient(sessions({ keys: [KEY] })(httpErrors()(signIn)));
    const response = await browser.post("/sign-in");
    expect([response.statusCode, response.header("Location")]).toEqual([303, "/"]);
    expect(response.header("Set-Cookie")).toMatch(/^session=/);
  });
});

describe("sessions: checking the options when the middleware is made", () => {
  it.each([
    [{ keys: [] }, /sessions need keys/],
    [{ keys: ["too short"] }, /session key 0 is 9 bytes: use at least 32 random bytes/],
    [{ keys: [KEY, new Uint8Array(16)] }, /session key 1 is 16 bytes/],
    [{ keys: [KEY], cookieName: "my session" }, /not a token/],
    [{ keys: [KEY], sameSite: "None" as const }, /SameSite=None needs Secure/],
    [{ keys: [KEY], maxAge: 0 }, /maxAge is a whole number of seconds above 0/],
    [{ keys: [KEY], path: "/a;b" }, /may not hold/],
  ])("refuses %j", (options, message) => {
    expect(() => sessions(options as SessionOptions)).toThrow(message);
  });

  it("accepts SameSite=None with Secure", () => {
    expect(() => sessions({ keys: [KEY], sameSite: "None", secure: true })).not.toThrow();
  });
});

describe("sessionOf", () => {
  it("says how to get a session when the app is not wrapped in sessions()", () => {
    expect(() => sessionOf({} as Environ)).toThrow(/wrapped in sessions/);
  });
});
