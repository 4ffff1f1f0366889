/**
 * Exercise 11-sign-out: `POST /signout` destroys the session on the server,
 * says so in a flash message, and goes back home.
 */
import { afterAll, describe, expect, it } from "vitest";
import { SigninFixture, sessionIdOf } from "../../signin/signin-fixture.ts";
import { signinSection, treeModules } from "./signin-tree.ts";

const section = signinSection("Exercise: sign out");
const fixture = await SigninFixture.open(await treeModules(section));
const PASSWORD = "correct horse battery";
let users = 0;

afterAll(() => fixture.close());

async function signedIn(prefix = "") {
  const client = fixture.client({ prefix });
  const name = `user${++users}`;
  const answer = await client.signUp(name, PASSWORD);
  expect(
    answer.statusCode,
    `signing up must work before signing out: the exercises before this one must pass first (${answer.text.slice(0, 300)})`,
  ).toBe(303);
  expect(
    (await client.get("/private")).statusCode,
    `signed up, the user must see /private; the exercises before this one must pass first; ${section.see}`,
  ).toBe(200);
  return client;
}

describe("POST /signout", () => {
  it("answers 303 to the home page", async () => {
    const client = await signedIn();
    const answer = await client.signOut();
    expect(
      answer.statusCode,
      `end with throw seeOther(...) (it was: ${answer.text.slice(0, 200)}); ${section.see}`,
    ).toBe(303);
    expect(answer.header("Location"), `redirect to appUrl(environ, "/"); ${section.see}`).toBe("/");
  });

  it("signs the user out, and the home page says so once", async () => {
    const client = await signedIn();
    await client.signOut();
    expect(
      (await client.get("/private")).statusCode,
      `after sign-out, /private must turn the visitor away; ${section.see}`,
    ).toBe(303);
    const home = await client.get("/");
    expect(
      home.text,
      `flash(environ, "You are signed out.") after destroying the session; ${section.see}`,
    ).toContain("You are signed out.");
    expect(
      (await client.get("/")).text,
      `the flash message must show once, then be gone; ${section.see}`,
    ).not.toContain("You are signed out.");
  });

  it("deletes the session on the server: a copy of the old cookie is worth nothing", async () => {
    const client = await signedIn();
    const copy = client.sessionCookie ?? "";
    await client.signOut();
    expect(
      await fixture.store.sessions.get(sessionIdOf(copy)),
      `destroy() the session: removing the user's id is not enough, the store must forget the session; ${section.see}`,
    ).toBeUndefined();
    const thief = fixture.client();
    thief.sessionCookie = copy;
    expect(
      (await thief.get("/private")).statusCode,
      `the old cookie must not sign anyone in; ${section.see}`,
    ).toBe(303);
  });

  it("redirects within the prefix when the app is mounted under one", async () => {
    const client = await signedIn("/accounts");
    const answer = await client.signOut();
    expect(
      answer.header("Location"),
      `use appUrl(environ, "/"), which puts SCRIPT_NAME in front; ${section.see}`,
    ).toBe("/accounts/");
  });
});
