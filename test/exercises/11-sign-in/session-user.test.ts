/**
 * Exercise 11-session-user: `signIn(environ, userId)` starts a fresh
 * session, with a new id, holding the user's id.
 */
import { describe, expect, it } from "vitest";
import { encode } from "../../../gateway/bytes.ts";
import { httpErrors } from "../../../gateway/kit/http-error-middleware.ts";
import { route, router } from "../../../gateway/kit/router.ts";
import { MemoryStore, sessionOf, sessions } from "../../../gateway/kit/sessions/index.ts";
import { TestClient } from "../../../gateway/test-client.ts";
import type { App, Environ } from "../../../gateway/types.ts";
import { sessionIdOf } from "../../signin/signin-fixture.ts";
import { exerciseExport } from "../load-exercise.ts";
import { signinSection } from "./signin-tree.ts";

const section = signinSection("Exercise: keep the user in the session");
const file = "signin/session-user.ts";
const signIn = await exerciseExport<(environ: Environ, userId: number) => void>(
  file,
  "signIn",
  "function",
  section,
);
const currentUserId = await exerciseExport<(environ: Environ) => number | undefined>(
  file,
  "currentUserId",
  "function",
  section,
);

function text(body: string): App {
  return (_environ, startResponse) => {
    const bytes = encode(body);
    startResponse("200 OK", [
      ["Content-Type", "text/plain; charset=utf-8"],
      ["Content-Length", String(bytes.byteLength)],
    ]);
    return [bytes];
  };
}

function setup() {
  const store = new MemoryStore();
  const app = sessions({ keys: ["a session key for tests, 32 bytes or more"], store })(
    httpErrors()(
      router([
        // A visitor's session before sign-in, holding something (the CSRF token, say).
        route("GET", "/visit", (environ, startResponse) => {
          sessionOf(environ).set("visitor", "before sign-in");
          return text("visited")(environ, startResponse);
        }),
        route("POST", "/signin", (environ, startResponse) => {
          signIn(environ, 7);
          return text("signed in")(environ, startResponse);
        }),
        route("GET", "/whoami", (environ, startResponse) => {
          const seen = {
            user: currentUserId(environ) ?? null,
            visitor: sessionOf(environ).get("visitor") ?? null,
          };
          return text(JSON.stringify(seen))(environ, startResponse);
        }),
      ]),
    ),
  );
  return { store, client: new TestClient(app) };
}

describe("signIn", () => {
  it("keeps the user's id in the session, for currentUserId to read", async () => {
    const { client } = setup();
    const answer = await client.post("/signin");
    expect(
      answer.statusCode,
      `signIn must not throw (${answer.text.slice(0, 300)}); ${section.see}`,
    ).toBe(200);
    const seen = JSON.parse((await client.get("/whoami")).text);
    expect(seen.user, `set USER_ID to the user's id in the session; ${section.see}`).toBe(7);
  });

  it("gives the session a new id, and the old one stops working", async () => {
    const { store, client } = setup();
    await client.get("/visit");
    const before = client.cookies?.get("session");
    await client.post("/signin");
    const after = client.cookies?.get("session");
    expect(
      sessionIdOf(after),
      `call session.regenerate(): the session id must change at sign-in; ${section.see}`,
    ).not.toBe(sessionIdOf(before));
    expect(
      await store.get(sessionIdOf(before)),
      `the old id must be gone from the store (regenerate() retires it); ${section.see}`,
    ).toBeUndefined();
  });

  it("forgets what the session held before sign-in", async () => {
    const { client } = setup();
    await client.get("/visit");
    await client.post("/signin");
    const seen = JSON.parse((await client.get("/whoami")).text);
    expect(
      seen.visitor,
      `call session.clear() first: nothing from before sign-in may stay; ${section.see}`,
    ).toBe(null);
    expect(
      seen.user,
      `clear first, then set the user's id (not the other way round); ${section.see}`,
    ).toBe(7);
  });

  it("leaves a session id planted before sign-in signed out", async () => {
    const { client } = setup();
    await client.get("/visit");
    const planted = client.cookies?.get("session") ?? "";
    await client.post("/signin");
    const attacker = setupClientWith(client, planted);
    const seen = JSON.parse((await attacker.get("/whoami")).text);
    expect(
      seen.user,
      `the id from before sign-in must not be signed in (session fixation); ${section.see}`,
    ).toBe(null);
  });
});

/** Another browser on the same app, holding the given session cookie. */
function setupClientWith(client: TestClient, cookie: string): TestClient {
  const other = new TestClient(client.app, { validate: false });
  other.cookies?.set("session", cookie);
  return other;
}
