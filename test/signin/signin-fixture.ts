/**
 * The sign-in app on a temporary database, and a browser-like client for it,
 * for the app's tests (test/signin) and its exercise tests
 * (test/exercises/11-sign-in).
 *
 * The modules come from the caller, so the same fixture runs the reference
 * (test/signin imports solutions/) or the tree an exercise test checks
 * (loaded through test/exercises/load-exercise.ts). Passwords are hashed at
 * a tiny scrypt cost unless a test asks otherwise: each test takes
 * milliseconds, not a second per hash.
 *
 * @example
 * const fixture = await SigninFixture.open({ createApp, openSqliteStore });
 * const client = fixture.client();
 * await client.signUp("ada", "correct horse");
 * expect((await client.get("/private")).statusCode).toBe(200);
 * await fixture.close();
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { urlMap } from "../../gateway/kit/url-map.ts";
import {
  type ClientOptions,
  type RequestOptions,
  TestClient,
  type TestResponse,
} from "../../gateway/test-client.ts";
import type { App } from "../../gateway/types.ts";
import type { createApp, SigninAppOptions } from "../../solutions/signin/app.ts";
import type { ScryptCost } from "../../solutions/signin/passwords.ts";
import type {
  openSqliteStore,
  SqliteStore,
  StoreOptions,
} from "../../solutions/signin/store/sqlite-store.ts";
import type { Users } from "../../solutions/signin/users.ts";
import { fieldValue } from "./html-forms.ts";

/** What the fixture builds the app from: the modules of one tree. */
export interface SigninModules {
  createApp: typeof createApp;
  openSqliteStore: typeof openSqliteStore;
}

/** What a test may change: the app's options (`now` is the rate limits' clock), and the sessions' bound. */
export type FixtureOptions = Partial<SigninAppOptions> & Pick<StoreOptions, "maxSessions">;

/** A session key for tests (the signer wants at least 32 bytes). */
export const TEST_SESSION_KEY = "a session key for tests, 32 bytes or more";

/** scrypt at N=16: nothing for an attacker, and about a millisecond. Tests only. */
export const CHEAP_COST: ScryptCost = { log2N: 4, r: 8, p: 1 };

/** The name of the app's session cookie. */
export const SESSION_COOKIE = "session";

/** The app on a fresh SQLite database in a temporary folder. */
export class SigninFixture {
  private constructor(
    readonly dataDir: string,
    readonly store: SqliteStore,
    readonly app: App,
  ) {}

  /** Opens the store in a new temporary folder, and makes the app on it. */
  static async open(modules: SigninModules, options: FixtureOptions = {}): Promise<SigninFixture> {
    const dataDir = mkdtempSync(path.join(tmpdir(), "signin-app-"));
    const { maxSessions, ...appOptions } = options;
    const store = await modules.openSqliteStore(dataDir, { maxSessions });
    const app = modules.createApp({
      store,
      sessionKeys: [TEST_SESSION_KEY],
      passwords: { cost: CHEAP_COST },
      ...appOptions,
    });
    return new SigninFixture(dataDir, store, app);
  }

  get users(): Users {
    return this.store.users;
  }

  /** A new browser; `prefix` mounts the app there (with urlMap), as a server could. */
  client(options: ClientOptions & { prefix?: string } = {}): SigninClient {
    return clientFor(this.app, options);
  }

  /** Closes the database (every statement with it) and deletes the folder. */
  async close(): Promise<void> {
    await this.store.close();
    rmSync(this.dataDir, { recursive: true, force: true });
  }
}

/**
 * A new browser for `app`; `prefix` mounts the app there (with urlMap), as a server could.
 * @example const client = clientFor(app, { prefix: "/accounts" });
 */
export function clientFor(
  app: App,
  options: ClientOptions & { prefix?: string } = {},
): SigninClient {
  const { prefix = "", ...clientOptions } = options;
  const mounted = prefix === "" ? app : urlMap({ [prefix]: app });
  return new SigninClient(new TestClient(mounted, clientOptions), prefix);
}

/** A browser for the app: paths are the app's, the prefix is added. */
export class SigninClient {
  constructor(
    readonly http: TestClient,
    readonly prefix: string,
  ) {}

  get(path: string, options?: RequestOptions): Promise<TestResponse> {
    return this.http.get(this.prefix + path, options);
  }

  post(path: string, options?: RequestOptions): Promise<TestResponse> {
    return this.http.post(this.prefix + path, options);
  }

  /** The CSRF token in the page at `path` ("" when the page has none). */
  async csrfToken(path = "/signup"): Promise<string> {
    return fieldValue((await this.get(path)).text, "csrf_token") ?? "";
  }

  /** Fills in and sends the sign-up form, as a browser would. */
  async signUp(username: string, password: string): Promise<TestResponse> {
    const csrf_token = await this.csrfToken("/signup");
    return this.post("/signup", { form: { csrf_token, username, password } });
  }

  /** Fills in and sends the sign-in form (reached with `?next=` when given). */
  async signIn(username: string, password: string, next?: string): Promise<TestResponse> {
    const query = next === undefined ? "" : `?next=${encodeURIComponent(next)}`;
    const csrf_token = await this.csrfToken(`/signin${query}`);
    return this.post(`/signin${query}`, { form: { csrf_token, username, password } });
  }

  /** Presses "Sign out" on the home page. */
  async signOut(): Promise<TestResponse> {
    const csrf_token = await this.csrfToken("/");
    return this.post("/signout", { form: { csrf_token } });
  }

  /** The session cookie's value, as the browser holds it. */
  get sessionCookie(): string | undefined {
    return this.http.cookies?.get(SESSION_COOKIE);
  }

  set sessionCookie(value: string) {
    this.http.cookies?.set(SESSION_COOKIE, value);
  }
}

/**
 * The session id inside a cookie value ("id.signature").
 * @example await fixture.store.sessions.get(sessionIdOf(client.sessionCookie));
 */
export function sessionIdOf(cookie: string | undefined): string {
  return decodeURIComponent(cookie ?? "").split(".")[0] ?? "";
}
