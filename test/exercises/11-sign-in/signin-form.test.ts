/**
 * Exercise 11-signin-form: `signinForm(view)` renders the sign-in form.
 */
import { afterAll, describe, expect, it } from "vitest";
import type { SafeHtml } from "../../../gateway/html.ts";
import { fieldValue, formsIn, type PageForm } from "../../signin/html-forms.ts";
import { SigninFixture } from "../../signin/signin-fixture.ts";
import { exerciseExport } from "../load-exercise.ts";
import { signinSection, treeModules } from "./signin-tree.ts";

/** What the page gives the form (pages/layout.ts). */
interface FormView {
  action: string;
  csrfToken: string;
  username: string;
  error?: string;
}

const section = signinSection("Exercise: the sign-in form");
const signinForm = await exerciseExport<(view: FormView) => SafeHtml>(
  "signin/pages/signin.ts",
  "signinForm",
  "function",
  section,
);
const fixture = await SigninFixture.open(await treeModules(section));

afterAll(() => fixture.close());

const view: FormView = {
  action: "/accounts/signin?next=/private",
  csrfToken: "the-session-token",
  username: "ada",
  error: "Wrong username or password.",
};

function theForm(markup: string): PageForm {
  const forms = formsIn(markup);
  expect(forms, `signinForm must return one <form>...</form>; ${section.see}`).toHaveLength(1);
  return forms[0] as PageForm;
}

function field(form: PageForm, name: string): Record<string, string> {
  const found = form.fields.find((attributes) => attributes.name === name);
  expect(found, `the form needs a field with name="${name}"; ${section.see}`).toBeDefined();
  return found ?? {};
}

describe("signinForm", () => {
  it("makes a form that POSTs to view.action", () => {
    const form = theForm(String(signinForm(view)));
    expect(
      form.attributes.method?.toLowerCase(),
      `the form must have method="post"; ${section.see}`,
    ).toBe("post");
    expect(
      form.attributes.action,
      `the form's action must be view.action, as given (it carries SCRIPT_NAME and ?next=); ${section.see}`,
    ).toBe(view.action);
  });

  it("carries the CSRF token in a hidden field named csrf_token", () => {
    const token = field(theForm(String(signinForm(view))), "csrf_token");
    expect(token.type, `the CSRF field must be type="hidden"; ${section.see}`).toBe("hidden");
    expect(token.value, `the CSRF field's value must be view.csrfToken; ${section.see}`).toBe(
      "the-session-token",
    );
  });

  it("asks for the username, filled in with view.username", () => {
    const username = field(theForm(String(signinForm(view))), "username");
    expect(username.value, `the username field must hold view.username; ${section.see}`).toBe(
      "ada",
    );
    expect(
      username.autocomplete,
      `give the username field autocomplete="username"; ${section.see}`,
    ).toBe("username");
  });

  it("asks for the password in an empty password field", () => {
    const password = field(theForm(String(signinForm(view))), "password");
    expect(password.type, `the password field must be type="password"; ${section.see}`).toBe(
      "password",
    );
    expect(
      password.value,
      `never put a password back in the page: no value; ${section.see}`,
    ).toBeUndefined();
    expect(
      password.autocomplete,
      `give the password field autocomplete="current-password"; ${section.see}`,
    ).toBe("current-password");
  });

  it("has a submit button and a label for each field", () => {
    const markup = String(signinForm(view));
    const button = theForm(markup).fields.find(
      (attributes) => attributes.type === "submit" || attributes.type === undefined,
    );
    expect(button, `the form needs a submit button; ${section.see}`).toBeDefined();
    for (const name of ["username", "password"]) {
      const id = field(theForm(markup), name).id;
      expect(id, `give the ${name} field an id, for its label; ${section.see}`).toBeDefined();
      expect(markup, `the ${name} field needs <label for="${id}">; ${section.see}`).toContain(
        `<label for="${id}">`,
      );
    }
  });

  it("shows view.error when there is one, and nothing in its place otherwise", () => {
    expect(String(signinForm(view)), `show view.error on the page; ${section.see}`).toContain(
      "Wrong username or password.",
    );
    const quiet = String(signinForm({ ...view, error: undefined }));
    expect(
      quiet,
      `with no view.error, show no error (and never "undefined"); ${section.see}`,
    ).not.toMatch(/undefined|class="error"/);
  });

  it("escapes what the visitor typed: markup in a username stays text", () => {
    const markup = String(signinForm({ ...view, username: '"><script>alert(1)</script>' }));
    expect(
      markup,
      `build the form with the html tag, which escapes every value; never add strings together; ${section.see}`,
    ).not.toContain("<script>");
    expect(
      fieldValue(markup, "username"),
      `the username must come back as typed, escaped; ${section.see}`,
    ).toBe('"><script>alert(1)</script>');
  });
});

describe("GET /signin", () => {
  it("shows your form, with the session's token and the next page, under any prefix", async () => {
    const client = fixture.client({ prefix: "/accounts" });
    const page = await client.get("/signin?next=/private");
    expect(
      page.statusCode,
      `GET /signin must answer 200 (${page.text.slice(0, 300)}); ${section.see}`,
    ).toBe(200);
    const form = theForm(page.text);
    expect(form.attributes.action, `the form must POST to view.action; ${section.see}`).toBe(
      "/accounts/signin?next=/private",
    );
    expect(
      fieldValue(page.text, "csrf_token"),
      `put view.csrfToken in the hidden field; ${section.see}`,
    ).toMatch(/^[\w-]{43}$/);
  });
});
