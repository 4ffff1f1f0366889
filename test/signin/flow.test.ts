/**
 * The sign-in app's whole flow, as a visitor walks it: sign up, sign out,
 * sign in, the private page, flash messages; at the root and mounted under
 * a prefix.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createApp } from "../../solutions/signin/app.ts";
import { openSqliteStore } from "../../solutions/signin/store/sqlite-store.ts";
import { formsIn } from "./html-forms.ts";
import { CHEAP_COST, clientFor, SigninFixture } from "./signin-fixture.ts";

const modules = { createApp, openSqliteStore };
let fixture: SigninFixture;

beforeEach(async () => {
  fixture = await SigninFixture.open(modules);
});

afterEach(async () => {
  await fixture.close();
});

describe("the sign-in app, at the root", () => {
  it("walks a visitor through sign-up, sign-out, sign-in and the private page", async () => {
    const client = fixture.client();

    const welcome = await client.get("/");
    expect(welcome.statusCode).toBe(200);
    expect(welcome.text).toContain("You are not signed in.");

    const signedUp = await client.signUp("Ada", "correct horse battery");
    expect(signedUp.statusCode).toBe(303);
    expect(signedUp.header("Location")).toBe("/");
    const home = await client.get("/");
    expect(home.text).toContain("Welcome, ada! Your account is ready.");
    expect(home.text).toContain("Signed in as <strong>ada</strong>");

    const again = await client.get("/");
    expect(again.text, "a flash message is shown once").not.toContain("Your account is ready");

    const signedOut = await client.signOut();
    expect(signedOut.statusCode).toBe(303);
    expect(signedOut.header("Location")).toBe("/");
    const afterSignOut = await client.get("/");
    expect(afterSignOut.text).toContain("You are signed out.");
    expect(afterSignOut.text).toContain("You are not signed in.");

    const turnedAway = await client.get("/private");
    expect(turnedAway.statusCode).toBe(303);
    expect(turnedAway.header("Location")).toBe("/signin?next=/private");
    const toldWhy = await client.get("/signin?next=/private");
    expect(toldWhy.text, "the form says why the visitor is there").toContain(
      "<li>Sign in to see that page.</li>",
    );
    expect((await client.get("/signin")).text).not.toContain("Sign in to see that page.");

    const signedIn = await client.signIn("ADA", "correct horse battery", "/private");
    expect(signedIn.statusCode).toBe(303);
    expect(signedIn.header("Location")).toBe("/private");
    const privatePage = await client.get("/private");
    expect(privatePage.statusCode).toBe(200);
    expect(privatePage.text).toContain("Only you can see this page, <strong>ada</strong>.");
    expect(privatePage.text).toContain("Welcome back, ada.");
  });

  it("keeps the user in the database: a second app on the same file signs them in", async () => {
    await fixture.client().signUp("grace", "a long enough password");
    const store = await openSqliteStore(fixture.dataDir);
    try {
      const second = createApp({
        store,
        sessionKeys: ["another key for another process, 32+ bytes"],
        passwords: { cost: CHEAP_COST },
      });
      const answer = await clientFor(second).signIn("grace", "a long enough password");
      expect(answer.statusCode).toBe(303);
    } finally {
      await store.close();
    }
  });

  it("shows the sign-in form with the fields, the token and the next page", async () => {
    const page = await fixture.client().get("/signin?next=/private");
    const [form] = formsIn(page.text);
    expect(form?.attributes).toMatchObject({ method: "post", action: "/signin?next=/private" });
    const names = form?.fields.map((field) => field.name);
    expect(names).toEqual(["csrf_token", "username", "password", undefined]);
    expect(form?.fields[2]).toMatchObject({ type: "password", autocomplete: "current-password" });
  });

  it("answers HEAD like GET, and 405 with Allow for a method a route does not take", async () => {
    const client = fixture.client();
    expect((await client.http.request("HEAD", "/signin")).statusCode).toBe(200);
    const wrong = await client.get("/signout");
    expect(wrong.statusCode).toBe(405);
    expect(wrong.header("Allow")).toBe("POST");
    expect((await client.get("/nowhere")).statusCode).toBe(404);
  });

  it("serves its style sheet", async () => {
    const css = await fixture.client().get("/static/style.css");
    expect(css.statusCode).toBe(200);
    expect(css.header("Content-Type")).toBe("text/css; charset=utf-8");
  });
});

describe("the sign-in app, mounted under a prefix", () => {
  it("builds every link, form address, redirect and cookie path from SCRIPT_NAME", async () => {
    const client = fixture.client({ prefix: "/accounts" });

    const home = await client.get("/");
    expect(home.text).toContain('href="/accounts/signin"');
    expect(home.text).toContain('href="/accounts/static/style.css"');
    const signupPage = await client.get("/signup");
    expect(formsIn(signupPage.text)[0]?.attributes.action).toBe("/accounts/signup");

    const signedUp = await client.signUp("ada", "correct horse battery");
    expect(signedUp.header("Location")).toBe("/accounts/");
    expect(signedUp.header("Set-Cookie")).toContain("Path=/accounts");

    await client.signOut();
    const turnedAway = await client.get("/private");
    expect(turnedAway.header("Location")).toBe("/accounts/signin?next=/private");
    const signedIn = await client.signIn("ada", "correct horse battery", "/private");
    expect(signedIn.header("Location")).toBe("/accounts/private");
    expect((await client.get("/private")).statusCode).toBe(200);
    expect((await client.get("/static/style.css")).statusCode).toBe(200);
  });
});
