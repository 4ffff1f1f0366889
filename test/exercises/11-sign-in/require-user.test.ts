/**
 * Exercise 11-require-user: `requireUser()` lets signed-in users through to
 * the app it wraps, and sends visitors to the sign-in form with `next`.
 */
import { describe, expect, it } from "vitest";
import { encode } from "../../../gateway/bytes.ts";
import { httpErrors } from "../../../gateway/kit/http-error-middleware.ts";
import { route, router } from "../../../gateway/kit/router.ts";
import { MemoryStore, sessionOf, sessions } from "../../../gateway/kit/sessions/index.ts";
import { urlMap } from "../../../gateway/kit/url-map.ts";
import { TestClient } from "../../../gateway/test-client.ts";
import type { App, Middleware } from "../../../gateway/types.ts";
import { exerciseExport } from "../load-exercise.ts";
import { signinSection } from "./signin-tree.ts";

const section = signinSection("Exercise: protect the private page");
const requireUser = await exerciseExport<() => Middleware>(
  "signin/auth.ts",
  "requireUser",
  "function",
  section,
);
const loadUser = await exerciseExport<(users: unknown) => Middleware>(
  "signin/auth.ts",
  "loadUser",
  "function",
  section,
);
const USER_ID = await exerciseExport<string>("signin/session-user.ts", "USER_ID", "value", section);

const ada = { id: 1, username: "ada", passwordHash: "", createdAt: "2026-01-01T00:00:00.000Z" };
/** The store's users, as loadUser sees them: every answer a promise. */
const users = {
  add: async () => undefined,
  byUsername: async () => undefined,
  byId: async (id: number) => (id === ada.id ? ada : undefined),
};

function setup(prefix = "") {
  let calls = 0;
  const secret: App = (_environ, startResponse) => {
    calls += 1;
    const body = encode("the private page");
    startResponse("200 OK", [
      ["Content-Type", "text/plain; charset=utf-8"],
      ["Content-Length", String(body.byteLength)],
    ]);
    return [body];
  };
  const signInAsAda: App = (environ, startResponse) => {
    sessionOf(environ).set(USER_ID, ada.id);
    startResponse("204 No Content", []);
    return [];
  };
  const app = sessions({
    keys: ["a session key for tests, 32 bytes or more"],
    store: new MemoryStore(),
  })(
    httpErrors()(
      loadUser(users)(
        router([
          route("POST", "/test-signin", signInAsAda),
          route("GET", "/private", requireUser()(secret)),
          route("GET", "/private/notes", requireUser()(secret)),
        ]),
      ),
    ),
  );
  const client = new TestClient(prefix === "" ? app : urlMap({ [prefix]: app }));
  return { client, calls: () => calls };
}

describe("requireUser", () => {
  it("sends a visitor to /signin?next=/private with 303, without calling the app", async () => {
    const { client, calls } = setup();
    const answer = await client.get("/private");
    expect(
      answer.statusCode,
      `a visitor must get 303 See Other (throw seeOther(...)); ${section.see}`,
    ).toBe(303);
    expect(
      answer.header("Location"),
      `send the visitor to the sign-in form, with next; ${section.see}`,
    ).toBe("/signin?next=/private");
    expect(calls(), `never call the wrapped app for a visitor; ${section.see}`).toBe(0);
  });

  it("puts the whole path and its query in next", async () => {
    const { client } = setup();
    const answer = await client.get("/private/notes?page=2");
    expect(
      answer.header("Location"),
      `next is PATH_INFO, then "?" and QUERY_STRING when there is one, added with withNext; ${section.see}`,
    ).toBe("/signin?next=/private/notes%3Fpage%3D2");
  });

  it("builds the address from SCRIPT_NAME when the app is mounted under a prefix", async () => {
    const { client } = setup("/accounts");
    const answer = await client.get("/accounts/private");
    expect(
      answer.header("Location"),
      `use appUrl(environ, "/signin"): it puts SCRIPT_NAME in front; next stays the app's own path; ${section.see}`,
    ).toBe("/accounts/signin?next=/private");
  });

  it("lets a signed-in user through to the app", async () => {
    const { client, calls } = setup();
    await client.post("/test-signin");
    const answer = await client.get("/private");
    expect(
      answer.statusCode,
      `a signed-in user must get the wrapped app's answer; ${section.see}`,
    ).toBe(200);
    expect(answer.text, `return the wrapped app's answer as it is; ${section.see}`).toBe(
      "the private page",
    );
    expect(calls(), `call the wrapped app once for a user; ${section.see}`).toBe(1);
  });
});
