/**
 * The `next` parameter: after sign-in the app follows it only to a path
 * inside the app; every attempt to leave the site lands on the home page.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createApp } from "../../solutions/signin/app.ts";
import { safeNext, withNext } from "../../solutions/signin/safe-redirect.ts";
import { openSqliteStore } from "../../solutions/signin/store/sqlite-store.ts";
import { SigninFixture } from "./signin-fixture.ts";

const modules = { createApp, openSqliteStore };
const PASSWORD = "correct horse battery";

/** Each as the browser's query string carries it, and what the app reads from it. */
const ATTEMPTS = [
  "//evil.example/",
  "/\\evil.example/",
  "\\\\evil.example/",
  "http:evil.example",
  "https://evil.example/",
  "HTTPS://evil.example/",
  "javascript:alert(1)",
  "data:text/html,<script>alert(1)</script>",
  "evil.example",
  "/\t/evil.example/",
  "/\n/evil.example/",
  "/\r\n/evil.example/",
  "\t//evil.example/",
  " //evil.example/",
  "/\u0085/evil.example/",
  "",
];

/** The same, as an attacker's link would spell them (the app reads them decoded). */
const ENCODED = [
  "%2F%2Fevil.example%2F",
  "%2F%5Cevil.example",
  "/%5Cevil.example",
  "https%3A%2F%2Fevil.example",
  "%2F%09%2Fevil.example",
  "javascript%3Aalert(1)",
];

let fixture: SigninFixture;

beforeEach(async () => {
  fixture = await SigninFixture.open(modules);
  await fixture.client().signUp("ada", PASSWORD);
});

afterEach(async () => {
  await fixture.close();
});

async function landingAfterSignIn(rawQueryValue: string, prefix = ""): Promise<string | undefined> {
  const client = fixture.client({ prefix });
  const path = `/signin?next=${rawQueryValue}`;
  const csrf_token = await client.csrfToken(path);
  const answer = await client.post(path, {
    form: { csrf_token, username: "ada", password: PASSWORD },
  });
  expect(answer.statusCode, `signing in with next=${rawQueryValue}`).toBe(303);
  return answer.header("Location");
}

describe("after sign-in, next", () => {
  it.each(ATTEMPTS)("%j leads to the home page", async (next) => {
    expect(await landingAfterSignIn(encodeURIComponent(next))).toBe("/");
  });

  it.each(ENCODED)("%s (encoded) leads to the home page", async (next) => {
    expect(await landingAfterSignIn(next)).toBe("/");
  });

  it("leads to the home page of the app when it is mounted under a prefix", async () => {
    expect(await landingAfterSignIn("%2F%2Fevil.example", "/accounts")).toBe("/accounts/");
  });

  it("leads to a path inside the app, query included, with SCRIPT_NAME in front", async () => {
    expect(await landingAfterSignIn(encodeURIComponent("/private?tab=2"))).toBe("/private?tab=2");
    expect(await landingAfterSignIn("/private", "/accounts")).toBe("/accounts/private");
  });

  it("keeps a doubly encoded attempt a path on this site", async () => {
    // The app decodes once: "/%2F%2Fevil.example" is a path here, not a host.
    expect(await landingAfterSignIn("%2F%252F%252Fevil.example")).toBe("/%2F%2Fevil.example");
  });
});

describe("safeNext", () => {
  it("keeps paths inside the app", () => {
    expect(safeNext("/private")).toBe("/private");
    expect(safeNext("/private?tab=2#top")).toBe("/private?tab=2#top");
    expect(safeNext("/")).toBe("/");
  });

  it("turns everything else into the home page", () => {
    for (const next of [...ATTEMPTS, null, undefined])
      expect(safeNext(next), String(next)).toBe("/");
  });
});

describe("withNext", () => {
  it("adds next to a URL, escaped, with its slashes readable", () => {
    expect(withNext("/signin", "/private")).toBe("/signin?next=/private");
    expect(withNext("/signin", "/a b?c=d&e")).toBe("/signin?next=/a%20b%3Fc%3Dd%26e");
    expect(withNext("/signin", "")).toBe("/signin");
    expect(withNext("/signin", null)).toBe("/signin");
  });
});
