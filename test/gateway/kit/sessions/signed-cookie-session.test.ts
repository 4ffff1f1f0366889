import { describe, expect, it } from "vitest";
import { sessions } from "../../../../gateway/kit/sessions/index.ts";
import { Signer } from "../../../../gateway/kit/sessions/signing.ts";
import { TestClient } from "../../../../gateway/test-client.ts";
import { KEY, OLD_KEY, sessionApp } from "./apps.ts";

function client(keys: string[]): TestClient {
  return new TestClient(sessions({ keys })(sessionApp()));
}

/** A cookie value signed with KEY around any payload, as only someone with the key could make. */
function signedPayload(payload: unknown, cookieName = "session"): string {
  const encoded = Buffer.from(
    typeof payload === "string" ? payload : JSON.stringify(payload),
  ).toString("base64url");
  return new Signer([KEY]).sign(cookieName, encoded);
}

describe("signed-cookie sessions", () => {
  it("carries the values in the cookie, readable (not secret) but signed", async () => {
    const browser = client([KEY]);
    await browser.post("/sign-in");
    const [payload = ""] = (browser.cookies?.get("session") ?? "").split(".");
    const decoded = JSON.parse(Buffer.from(payload, "base64url").toString("utf8"));
    expect(decoded).toMatchObject({ data: { user: "ada" } });
    expect(typeof decoded.expires).toBe("number");
  });

  it("refuses a payload changed by the visitor, even one that is valid JSON", async () => {
    const browser = client([KEY]);
    await browser.post("/sign-in");
    const [payload = "", signature] = (browser.cookies?.get("session") ?? "").split(".");
    const decoded = JSON.parse(Buffer.from(payload, "base64url").toString("utf8"));
    const forged = Buffer.from(JSON.stringify({ ...decoded, data: { user: "admin" } })).toString(
      "base64url",
    );
    browser.cookies?.set("session", `${forged}.${signature}`);
    expect((await browser.get("/peek")).json()).toMatchObject({ isNew: true, data: {} });
  });

  it.each([
    ["text that is not JSON", "not json"],
    ["JSON of the wrong shape", { id: "x", data: {} }],
    ["values that are not an object", { id: "x", expires: Date.now() + 60_000, data: [1] }],
    ["an expiry in the past", { id: "x", expires: Date.now() - 1, data: { user: "ada" } }],
  ])("gives an empty session for a correctly signed cookie holding %s", async (_case, payload) => {
    const response = await client([KEY]).get("/peek", {
      headers: { Cookie: `session=${signedPayload(payload)}` },
    });
    expect([response.statusCode, response.json()]).toMatchObject([200, { isNew: true, data: {} }]);
  });

  it("reads a correctly signed, unexpired cookie", async () => {
    const cookie = signedPayload({
      id: "abc",
      expires: Date.now() + 60_000,
      data: { user: "ada" },
    });
    const response = await client([KEY]).get("/peek", { headers: { Cookie: `session=${cookie}` } });
    expect(response.json()).toEqual({ id: "abc", isNew: false, data: { user: "ada" } });
  });

  it("refuses a cookie signed for another cookie name, even with its own key", async () => {
    const payload = { id: "abc", expires: Date.now() + 60_000, data: { user: "admin" } };
    const response = await client([KEY]).get("/peek", {
      headers: { Cookie: `session=${signedPayload(payload, "remember")}` },
    });
    expect(response.json()).toMatchObject({ isNew: true, data: {} });
  });

  it("refuses a cookie cut short, at either end", async () => {
    const browser = client([KEY]);
    await browser.post("/sign-in");
    const cookie = browser.cookies?.get("session") ?? "";
    for (const cut of [
      cookie.slice(0, -1),
      cookie.slice(1),
      cookie.slice(0, cookie.indexOf(".")),
    ]) {
      const response = await client([KEY]).get("/peek", { headers: { Cookie: `session=${cut}` } });
      expect(response.json()).toMatchObject({ isNew: true, data: {} });
    }
  });

  it("keeps a __proto__ key in the values as a plain value, changing no prototype", async () => {
    const payload = `{"id":"abc","expires":${Date.now() + 60_000},"data":{"__proto__":{"admin":true}}}`;
    const response = await client([KEY]).get("/peek", {
      headers: { Cookie: `session=${signedPayload(payload)}` },
    });
    expect(response.text).toContain('"data":{"__proto__":{"admin":true}}');
    expect(({} as Record<string, unknown>).admin).toBeUndefined();
  });

  it("accepts a cookie signed with an older key, and signs it again with the newest", async () => {
    const before = client([OLD_KEY]);
    await before.get("/count");
    const rotated = client([KEY, OLD_KEY]);
    rotated.cookies?.set("session", before.cookies?.get("session") ?? "");
    const response = await rotated.get("/peek");
    expect(response.json()).toMatchObject({ isNew: false, data: { visits: 1 } });
    expect(response.header("Set-Cookie")).toBeDefined();
    const newest = client([KEY]);
    newest.cookies?.set("session", rotated.cookies?.get("session") ?? "");
    expect((await newest.get("/peek")).json()).toMatchObject({ isNew: false, data: { visits: 1 } });
  });

  it("refuses to save a session larger than a browser keeps, saying what to do", async () => {
    const response = await client([KEY]).get("/big");
    expect(response.statusCode).toBe(500);
    expect(response.errors).toMatch(
      /more than the 4096 a browser keeps: store less in the session/,
    );
  });
});
