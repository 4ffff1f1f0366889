import { describe, expect, it } from "vitest";
import {
  MemoryStore,
  type SessionData,
  type SessionStore,
  sessions,
} from "../../../../gateway/kit/sessions/index.ts";
import { Signer } from "../../../../gateway/kit/sessions/signing.ts";
import { TestClient } from "../../../../gateway/test-client.ts";
import type { Chunk, Middleware } from "../../../../gateway/types.ts";
import { KEY, OLD_KEY, sessionApp } from "./apps.ts";

/** A store that is slow to write, and says when each write is done. */
class SlowStore extends MemoryStore {
  readonly events: string[] = [];
  override async set(id: string, data: SessionData, expiresAt: number): Promise<void> {
    await new Promise((resolve) => setTimeout(resolve, 5));
    await super.set(id, data, expiresAt);
    this.events.push("stored");
  }
}

/** Records when the first byte of the answer leaves the sessions middleware, by body or by write(). */
function firstBytes(events: string[]): Middleware {
  return (app) =>
    async function watched(environ, startResponse) {
      const body = await app(environ, (status, headers, excInfo) => {
        const write = startResponse(status, headers, excInfo);
        return (chunk) => {
          events.push("bytes");
          return write(chunk);
        };
      });
      return (async function* () {
        for await (const chunk of body as AsyncIterable<Chunk>) {
          if (chunk.byteLength > 0) events.push("bytes");
          yield chunk;
        }
      })();
    };
}

function client(store: SessionStore, keys = [KEY]): TestClient {
  return new TestClient(sessions({ keys, store })(sessionApp()));
}

describe("server-side sessions", () => {
  it("sends only a signed id in the cookie, keeping the values in the store", async () => {
    const store = new MemoryStore();
    const browser = client(store);
    await browser.post("/sign-in");
    const cookie = browser.cookies?.get("session") ?? "";
    const checked = new Signer([KEY]).unsign("session", cookie);
    expect(checked?.value).toMatch(/^[\w-]{43}$/);
    expect(await store.get(checked?.value ?? "")).toEqual({ user: "ada" });
  });

  it("holds sessions larger than a cookie could", async () => {
    const browser = client(new MemoryStore());
    expect((await browser.get("/big")).statusCode).toBe(200);
    expect(
      ((await browser.get("/peek")).json() as { data: { big: string } }).data.big,
    ).toHaveLength(5000);
  });

  it.each([
    ["answers with a body", "/lazy"],
    ["answers through write()", "/write"],
  ])("waits for the store before the first byte, when the app %s", async (_case, path) => {
    const store = new SlowStore();
    const app = firstBytes(store.events)(sessions({ keys: [KEY], store })(sessionApp()));
    const browser = new TestClient(app);
    await browser.get(path);
    expect(store.events).toEqual(["stored", "bytes"]);
    expect((await browser.get("/peek")).json()).toMatchObject({ isNew: false });
  });

  it("refuses an id without a valid signature before asking the store", async () => {
    const store = new MemoryStore();
    await store.set("chosen-by-attacker", { user: "admin" }, Date.now() + 60_000);
    const response = await client(store).get("/peek", {
      headers: { Cookie: "session=chosen-by-attacker" },
    });
    expect(response.json()).toMatchObject({ isNew: true, data: {} });
  });

  it("never adopts a signed id that the store does not know: the new session gets its own", async () => {
    const planted = new Signer([KEY]).sign("session", "planted-id");
    const browser = client(new MemoryStore());
    const peeked = (
      await browser.get("/peek", { headers: { Cookie: `session=${planted}` } })
    ).json();
    expect(peeked).toMatchObject({ isNew: true });
    expect((peeked as { id: string }).id).not.toBe("planted-id");
  });

  it("forgets the old id on regenerate(), so a copy of the old cookie is worth nothing", async () => {
    const store = new MemoryStore();
    const browser = client(store);
    await browser.get("/count");
    const before = browser.cookies?.get("session") ?? "";
    await browser.post("/sign-in");
    expect(store.size).toBe(1);
    const thief = client(store);
    thief.cookies?.set("session", before);
    expect((await thief.get("/peek")).json()).toMatchObject({ isNew: true, data: {} });
  });

  it("deletes the session from the store on destroy(), ending it for every copy of the cookie", async () => {
    const store = new MemoryStore();
    const browser = client(store);
    await browser.post("/sign-in");
    const copied = browser.cookies?.get("session") ?? "";
    await browser.post("/sign-out");
    expect(store.size).toBe(0);
    const thief = client(store);
    thief.cookies?.set("session", copied);
    expect((await thief.get("/peek")).json()).toMatchObject({ isNew: true, data: {} });
  });

  it("accepts an id signed with an older key, and signs it again with the newest", async () => {
    const store = new MemoryStore();
    const before = client(store, [OLD_KEY]);
    await before.get("/count");
    const rotated = client(store, [KEY, OLD_KEY]);
    rotated.cookies?.set("session", before.cookies?.get("session") ?? "");
    const response = await rotated.get("/peek");
    expect(response.json()).toMatchObject({ isNew: false, data: { visits: 1 } });
    expect(
      new Signer([KEY]).unsign("session", rotated.cookies?.get("session") ?? ""),
    ).toBeDefined();
  });

  it("answers 500 when the store cannot save, and does not send the cookie", async () => {
    const broken: SessionStore = {
      get: async () => undefined,
      set: async () => {
        throw new Error("disk full");
      },
      delete: async () => {},
    };
    const response = await client(broken).get("/lazy");
    expect([response.statusCode, response.header("Set-Cookie")]).toEqual([500, undefined]);
    expect(response.errors).toContain("disk full");
  });
});
