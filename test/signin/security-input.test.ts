/**
 * Input: usernames and passwords checked with clear messages on the form
 * again, markup in a username shown as text, and the headers every page
 * carries.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createApp } from "../../solutions/signin/app.ts";
import { hashPassword } from "../../solutions/signin/passwords.ts";
import { openSqliteStore } from "../../solutions/signin/store/sqlite-store.ts";
import { passwordProblem, usernameProblem } from "../../solutions/signin/validation.ts";
import { fieldValue, formsIn } from "./html-forms.ts";
import { CHEAP_COST, type SigninClient, SigninFixture } from "./signin-fixture.ts";

const modules = { createApp, openSqliteStore };
const PASSWORD = "correct horse battery";
let fixture: SigninFixture;
let client: SigninClient;

beforeEach(async () => {
  fixture = await SigninFixture.open(modules);
  client = fixture.client();
});

afterEach(async () => {
  await fixture.close();
});

describe("the sign-up form, sent with a problem", () => {
  const cases: Array<[string, string, string, string]> = [
    ["an empty username", "", PASSWORD, "Enter a username."],
    ["a short username", "al", PASSWORD, "Choose a username of 3 to 32 characters."],
    ["a long username", "a".repeat(33), PASSWORD, "Choose a username of 3 to 32 characters."],
    ["a space in the username", "ada lovelace", PASSWORD, "A username may hold only letters"],
    ["markup in the username", "<b>ada</b>", PASSWORD, "A username may hold only letters"],
    ["a short password", "ada", "short", "Choose a password of at least 8 characters."],
    ["a long password", "ada", "x".repeat(257), "Choose a password of at most 256 characters."],
    ["the username as password", "adalovelace", "AdaLovelace", "not your username"],
  ];

  it.each(cases)(
    "comes back 422 with a message for %s, the username kept",
    async (_, username, password, message) => {
      const answer = await client.signUp(username, password);
      expect(answer.status).toBe("422 Unprocessable Content");
      expect(answer.text).toContain(message);
      expect(fieldValue(answer.text, "username")).toBe(username);
      const passwordField = formsIn(answer.text)[0]?.fields.find(
        (field) => field.name === "password",
      );
      expect(passwordField, "the form has its password field").toBeDefined();
      expect(passwordField?.value, "a password is never sent back").toBeUndefined();
      expect(await fixture.users.byUsername(username)).toBeUndefined();
    },
  );

  it("comes back 409 for a username that is taken, in any spelling", async () => {
    await client.signUp("ada", PASSWORD);
    const other = fixture.client();
    for (const name of ["ada", "ADA", "ＡＤＡ"]) {
      const answer = await other.signUp(name, "another password");
      expect(answer.status).toBe("409 Conflict");
      expect(answer.text).toContain("That username is taken: choose another.");
    }
  });

  it("accepts letters of any script, digits, dots, dashes and underscores", async () => {
    for (const name of ["zoë", "łukasz", "名前です", "a.b-c_d", "user42"]) {
      expect(usernameProblem(name), name).toBeUndefined();
    }
    expect((await client.signUp("Zoë", PASSWORD)).statusCode).toBe(303);
  });

  it("counts characters, not bytes", () => {
    expect(passwordProblem("ééééééé", "ada")).toContain("at least 8");
    expect(passwordProblem("éééééééé", "ada")).toBeUndefined();
    expect(usernameProblem("é".repeat(32))).toBeUndefined();
  });
});

describe("the sign-in form, sent with a field missing", () => {
  it("comes back 400 with a message, the username kept", async () => {
    const csrf_token = await client.csrfToken("/signin");
    const answer = await client.post("/signin", { form: { csrf_token, username: "ada" } });
    expect(answer.status).toBe("400 Bad Request");
    expect(answer.text).toContain("Enter your username and your password.");
    expect(fieldValue(answer.text, "username")).toBe("ada");
  });
});

describe("markup in a username", () => {
  it("is shown as text in the form that comes back", async () => {
    const answer = await client.signUp('"><script>alert(1)</script>', PASSWORD);
    expect(answer.text).not.toContain("<script>");
    expect(answer.text).toContain("&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;");
  });

  it("is shown as text on every page of a user who has it", async () => {
    // No sign-up lets such a name in; an older row in the database might hold one.
    const name = "<img src=x onerror=alert(1)>";
    await fixture.users.add(name, await hashPassword(PASSWORD, { cost: CHEAP_COST }));
    await client.signIn(name, PASSWORD);
    for (const path of ["/", "/private"]) {
      const page = await client.get(path);
      expect(page.text, path).not.toContain("<img");
      expect(page.text, path).toContain("&lt;img src=x onerror=alert(1)&gt;");
    }
  });
});

describe("every page", () => {
  it("carries a content security policy, nosniff, a referrer policy and no-store", async () => {
    for (const path of ["/", "/signin", "/private", "/nowhere"]) {
      const page = await client.get(path);
      expect(page.header("Content-Security-Policy"), path).toContain("frame-ancestors 'none'");
      expect(page.header("Content-Security-Policy"), path).toContain("script-src 'none'");
      expect(page.header("X-Content-Type-Options"), path).toBe("nosniff");
      expect(page.header("Referrer-Policy"), path).toBe("same-origin");
      expect(page.header("Cache-Control"), path).toBe("no-store");
    }
  });
});
