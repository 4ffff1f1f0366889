/**
 * The sessions middleware (Paste's `paste.session.SessionMiddleware`, and
 * Werkzeug's old `werkzeug.contrib.sessions.SessionMiddleware`; Beaker's
 * `SessionMiddleware`, and the part of Flask that opens the session before
 * a request and saves it after).
 *
 * Before calling the app, it reads the session cookie and puts the session
 * in `environ["kit.session"]`: from a signed cookie by default, or from a
 * server-side store when one is given (`store: new MemoryStore()`). Both
 * variants behave the same to the app (`session.ts`).
 *
 * It saves the session when the app calls startResponse, by adding a
 * `Set-Cookie` header there: headers are the last chance to send a cookie,
 * and a generator app may call startResponse late, in its first step. It
 * saves only a session that changed (or that was signed with an older key,
 * to move it to the newest); a session left empty has its cookie removed.
 * A store write is async: it starts in startResponse, and the first byte of
 * the body (or of write()) waits for it, so the store holds the session
 * before the browser can send its cookie back.
 *
 * Cookies are `HttpOnly` (page scripts cannot read them), `SameSite=Lax`
 * (other sites' forms cannot make the browser send them), `Secure` when the
 * request came over HTTPS, and scoped to the app's `SCRIPT_NAME`.
 *
 * Put `sessions()` outside `httpErrors()`: an error page then goes out
 * through the session's startResponse, with its cookie, so a redirect
 * thrown right after sign-in (`throw seeOther(...)`) still carries the new
 * session. The other way round, the thrown error passes through
 * `sessions()` without calling its startResponse, and nothing is saved.
 *
 * @example
 * const site = sessions({ keys: [secret] })(httpErrors()(router([...])));
 * @example
 * // SESSION_KEY: 32 bytes or more; a shorter or missing key throws at start.
 * const app = sessions({ keys: [process.env.SESSION_KEY ?? ""] })(
 *   function counter(environ, startResponse) {
 *     const session = sessionOf(environ);
 *     const visits = Number(session.get("visits") ?? 0) + 1;
 *     session.set("visits", visits);
 *     return htmlResponse(startResponse, "200 OK", html`<p>Visit number ${visits}</p>`);
 *   },
 * );
 */
import type {
  Body,
  Chunk,
  Environ,
  Headers,
  Middleware,
  StartResponse,
  Write,
} from "../../types.ts";
import { type CookieOptions, expiredCookie, parseCookies, serializeCookie } from "../cookies.ts";
import { ServerSessions } from "./server-session.ts";
import type { Session, SessionStore, SessionVariant } from "./session.ts";
import { SignedCookieSessions } from "./signed-cookie-session.ts";
import { type SecretKey, Signer } from "./signing.ts";

/**
 * Everything an app needs about sessions comes from this one module.
 * @example import { MemoryStore, type Session, sessionOf, sessions } from "./kit/sessions/index.ts";
 */
export { MemoryStore } from "./memory-store.ts";
export type { JsonValue, Session, SessionData, SessionStore } from "./session.ts";

/**
 * How sessions are kept. Only `keys` is required.
 * @example const options: SessionOptions = { keys: [secret], maxAge: 3600 };
 */
export interface SessionOptions {
  /** Secret keys of at least 32 bytes, newest first: the first signs, all are accepted. */
  keys: SecretKey[];
  /** Where to keep the values; without it, they travel in the signed cookie. */
  store?: SessionStore;
  /** Default "session". */
  cookieName?: string;
  /** Seconds a session lasts after it was last saved (default 14 days). */
  maxAge?: number;
  /** Default: true when the request came over HTTPS (`gateway.url_scheme`). */
  secure?: boolean;
  /** Default "Lax". "None" needs `secure: true`. */
  sameSite?: CookieOptions["sameSite"];
  /** Default: none, so the cookie goes back to this host only. */
  domain?: string;
  /** Default: the app's `SCRIPT_NAME`, or "/". */
  path?: string;
}

const FOURTEEN_DAYS = 14 * 24 * 60 * 60;

/**
 * Makes the middleware. The options are checked here, once: keys that are
 * too short, a cookie name that is not a token, `SameSite=None` without
 * `Secure` all throw before any request arrives.
 * @example sessions({ keys: [newKey, oldKey], store: new MemoryStore(), maxAge: 3600 })
 */
export function sessions(options: SessionOptions): Middleware {
  const { cookieName = "session", maxAge = FOURTEEN_DAYS, sameSite = "Lax" } = options;
  checkMaxAge(maxAge);
  const signer = new Signer(options.keys);
  const variant =
    options.store === undefined
      ? new SignedCookieSessions(signer, cookieName, maxAge)
      : new ServerSessions(signer, options.store, cookieName, maxAge);
  /** The cookie's attributes for one request. */
  const attributes = (secure: boolean, path: string): CookieOptions => ({
    maxAge,
    httpOnly: true,
    sameSite,
    secure: options.secure ?? secure,
    domain: options.domain,
    path: options.path ?? path,
  });
  // A sample cookie checks the name, path and domain, and SameSite=None against Secure, now.
  serializeCookie(cookieName, "", attributes(false, "/"));
  return (app) =>
    async function withSession(environ, startResponse) {
      const { session, stale } = await variant.load(parseCookies(environ).get(cookieName));
      environ["kit.session"] = session;
      const https = environ["gateway.url_scheme"] === "https";
      const cookie = {
        name: cookieName,
        attributes: attributes(https, environ.SCRIPT_NAME || "/"),
      };
      const saver = new Saver(variant, session, stale, cookie);
      const body = await app(environ, saver.wrap(startResponse));
      if (!Array.isArray(body)) return savedFirst(body, saver);
      await saver.stored;
      return body;
    };
}

/**
 * The session of this request. Throws if there is none: the app is not
 * wrapped in `sessions()`, or is called outside it.
 * @example const session = sessionOf(environ); session.set("userId", user.id);
 */
export function sessionOf(environ: Environ): Session {
  const session = environ["kit.session"];
  if (session === undefined) {
    throw new Error(
      'no session in environ["kit.session"]: is the app wrapped in sessions({ keys })?',
    );
  }
  return session;
}

/** Saves the session when the response starts, and keeps the store's write to wait for. */
class Saver {
  /** The store's write, once saving began; the body waits for it. */
  stored: Promise<void> = Promise.resolve();

  constructor(
    readonly variant: SessionVariant,
    readonly session: Session,
    readonly stale: boolean,
    readonly cookie: { name: string; attributes: CookieOptions },
  ) {}

  wrap(startResponse: StartResponse): StartResponse {
    return (status, headers, excInfo) => {
      const setCookie = this.#save();
      const all: Headers =
        setCookie === undefined ? headers : [...headers, ["Set-Cookie", setCookie]];
      const write = startResponse(status, all, excInfo);
      return this.#waitingWrite(write);
    };
  }

  /** The `Set-Cookie` value, if the session needs saving; starts the store's write. */
  #save(): string | undefined {
    const { session } = this;
    session.seal();
    if (!session.changed && !this.stale) return undefined;
    const { cookie, stored } = this.variant.save(session);
    // Awaited by the body; until then, a failure must not count as unhandled.
    stored.catch(() => {});
    this.stored = stored;
    const { name, attributes } = this.cookie;
    return cookie === undefined
      ? expiredCookie(name, attributes)
      : serializeCookie(name, cookie, attributes);
  }

  #waitingWrite(write: Write): Write {
    return async (chunk) => {
      await this.stored;
      return write(chunk);
    };
  }
}

/** The body, unchanged, except that no chunk goes out before the session is stored. */
async function* savedFirst(body: Body, saver: Saver): AsyncGenerator<Chunk> {
  for await (const chunk of body) {
    await saver.stored;
    yield chunk;
  }
  await saver.stored;
}

function checkMaxAge(maxAge: number): void {
  if (!Number.isSafeInteger(maxAge) || maxAge <= 0) {
    throw new TypeError(
      `sessions: maxAge is a whole number of seconds above 0, like 3600, not ${maxAge}`,
    );
  }
}
