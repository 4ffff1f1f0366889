/**
 * Exercise 11-csrf: `csrfProtection()` refuses, with 403, every POST that
 * does not carry the session's CSRF token, sign-out included.
 */
import { afterAll, describe, expect, it } from "vitest";
import { encode } from "../../../gateway/bytes.ts";
import { httpErrors } from "../../../gateway/kit/http-error-middleware.ts";
import { readForm } from "../../../gateway/kit/request.ts";
import { MemoryStore, sessions } from "../../../gateway/kit/sessions/index.ts";
import { TestClient } from "../../../gateway/test-client.ts";
import type { App, Environ, Middleware } from "../../../gateway/types.ts";
import { SigninFixture } from "../../signin/signin-fixture.ts";
import { exerciseExport } from "../load-exercise.ts";
import { signinSection, treeModules } from "./signin-tree.ts";

const section = signinSection("Exercise: CSRF protection");
const csrfProtection = await exerciseExport<() => Middleware>(
  "signin/csrf.ts",
  "csrfProtection",
  "function",
  section,
);
const csrfToken = await exerciseExport<(environ: Environ) => string>(
  "signin/csrf.ts",
  "csrfToken",
  "function",
  section,
);
const fixture = await SigninFixture.open(await treeModules(section));
const PASSWORD = "correct horse battery";

afterAll(() => fixture.close());

/** GET: a page holding the token. POST: echoes the form's "note" (read again after the check). */
const probe: App = async (environ, startResponse) => {
  const text =
    environ.REQUEST_METHOD === "POST"
      ? `note: ${(await readForm(environ)).get("note")}`
      : csrfToken(environ);
  const body = encode(text);
  startResponse("200 OK", [
    ["Content-Type", "text/plain; charset=utf-8"],
    ["Content-Length", String(body.byteLength)],
  ]);
  return [body];
};
const probeClient = () =>
  new TestClient(
    sessions({ keys: ["a session key for tests, 32 bytes or more"], store: new MemoryStore() })(
      httpErrors()(csrfProtection()(probe)),
    ),
  );

function expect403(status: number, what: string): void {
  expect(status, `${what} must be refused with 403 (throw forbidden(...)); ${section.see}`).toBe(
    403,
  );
}

describe("csrfProtection", () => {
  it("lets GET through, and a POST that carries the session's token", async () => {
    const client = probeClient();
    const token = (await client.get("/")).text;
    const answer = await client.post("/", { form: { csrf_token: token, note: "hello" } });
    expect(
      answer.statusCode,
      `a POST with the right token must reach the app (${answer.text.slice(0, 200)}); ${section.see}`,
    ).toBe(200);
    expect(
      answer.text,
      `after the check, the app must still read the form (readForm keeps it); ${section.see}`,
    ).toBe("note: hello");
  });

  it("refuses a POST with no token, or a wrong one", async () => {
    const client = probeClient();
    const token = (await client.get("/")).text;
    expect403(
      (await client.post("/", { form: { note: "hello" } })).statusCode,
      "a POST without csrf_token",
    );
    expect403(
      (await client.post("/", { form: { csrf_token: `${token.slice(0, -1)}x`, note: "hi" } }))
        .statusCode,
      "a POST with a wrong token",
    );
    expect403(
      (await client.post("/", { form: { csrf_token: "", note: "hi" } })).statusCode,
      "an empty token",
    );
  });

  it("refuses PUT, PATCH and DELETE without the token too: only GET, HEAD and OPTIONS go through", async () => {
    const client = probeClient();
    await client.get("/");
    for (const method of ["PUT", "PATCH", "DELETE"]) {
      const answer = await client.request(method, "/", { form: { note: "hi" } });
      expect403(
        answer.statusCode,
        `a ${method} without csrf_token (check every method but SAFE_METHODS)`,
      );
    }
  });

  it("refuses a POST from a browser whose session has no token", async () => {
    const client = probeClient();
    expect403(
      (await client.post("/", { form: { csrf_token: "", note: "hi" } })).statusCode,
      "a POST without a session",
    );
  });
});

describe("the app's forms", () => {
  it("refuse sign-up, sign-in and sign-out without the token, and work with it", async () => {
    const client = fixture.client();
    await client.get("/signup");
    const mallory = { username: "mallory", password: PASSWORD };
    expect403(
      (await client.post("/signup", { form: mallory })).statusCode,
      "POST /signup without the token",
    );
    expect(
      await fixture.users.byUsername("mallory"),
      "a refused sign-up must make no account",
    ).toBeUndefined();
    expect(
      (await client.signUp("ada", PASSWORD)).statusCode,
      "sign-up with the token must work",
    ).toBe(303);

    expect403(
      (await client.post("/signout", { form: {} })).statusCode,
      "POST /signout without the token",
    );
    expect(
      (await client.get("/private")).statusCode,
      "a refused sign-out must leave the user signed in",
    ).toBe(200);
    await client.signOut();

    expect403(
      (await client.post("/signin", { form: { username: "ada", password: PASSWORD } })).statusCode,
      "POST /signin without the token",
    );
  });
});
