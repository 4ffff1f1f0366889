/**
 * CSRF: every form carries the session's token, and every POST (sign-out
 * included) without the right one is refused with 403 and does nothing.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createApp } from "../../solutions/signin/app.ts";
import { openSqliteStore } from "../../solutions/signin/store/sqlite-store.ts";
import { fieldValue, formsIn } from "./html-forms.ts";
import { type SigninClient, SigninFixture } from "./signin-fixture.ts";

const modules = { createApp, openSqliteStore };
const PASSWORD = "correct horse battery";
let fixture: SigninFixture;
let client: SigninClient;

beforeEach(async () => {
  fixture = await SigninFixture.open(modules);
  client = fixture.client();
  await client.signUp("ada", PASSWORD);
  await client.signOut();
});

afterEach(async () => {
  await fixture.close();
});

function expectRefused(answer: { statusCode: number; text: string }, what: string): void {
  expect(answer.statusCode, what).toBe(403);
  expect(answer.text).toContain("Go back, reload the page, and send the form again.");
}

describe("every form", () => {
  it("carries the session's token in a hidden field", async () => {
    const signup = await client.get("/signup");
    const signin = await client.get("/signin");
    const token = fieldValue(signup.text, "csrf_token");
    expect(token).toMatch(/^[\w-]{43}$/);
    expect(fieldValue(signin.text, "csrf_token")).toBe(token);
    await client.signIn("ada", PASSWORD);
    const home = await client.get("/");
    const signout = formsIn(home.text).find((form) => form.attributes.action === "/signout");
    expect(signout?.fields[0]).toMatchObject({ type: "hidden", name: "csrf_token" });
  });

  it("carries a different token in each visitor's session", async () => {
    const other = fixture.client();
    expect(await other.csrfToken()).not.toBe(await client.csrfToken());
  });
});

describe("a POST without the right token", () => {
  const missing = {};
  const wrong = { csrf_token: "A".repeat(43) };

  it("is refused at sign-up, and makes no account", async () => {
    await client.get("/signup");
    for (const token of [missing, wrong]) {
      const form = { ...token, username: "mallory", password: PASSWORD };
      expectRefused(await client.post("/signup", { form }), "sign-up");
    }
    expect(await fixture.users.byUsername("mallory")).toBeUndefined();
  });

  it("is refused at sign-in, and signs nobody in", async () => {
    await client.get("/signin");
    for (const token of [missing, wrong]) {
      const form = { ...token, username: "ada", password: PASSWORD };
      expectRefused(await client.post("/signin", { form }), "sign-in");
    }
    expect((await client.get("/private")).statusCode).toBe(303);
  });

  it("is refused at sign-out, and leaves the user signed in", async () => {
    await client.signIn("ada", PASSWORD);
    for (const token of [missing, wrong]) {
      expectRefused(await client.post("/signout", { form: token }), "sign-out");
    }
    expect((await client.get("/private")).statusCode).toBe(200);
  });

  it("is refused with the token of another visitor's session", async () => {
    const attacker = fixture.client();
    const theirs = await attacker.csrfToken("/signin");
    await client.signIn("ada", PASSWORD);
    expectRefused(await client.post("/signout", { form: { csrf_token: theirs } }), "sign-out");
  });

  it("is refused from a browser with no session at all", async () => {
    const stranger = fixture.client({ cookies: false });
    const form = { csrf_token: "", username: "ada", password: PASSWORD };
    expectRefused(await stranger.post("/signin", { form }), "sign-in without a session");
  });
});
