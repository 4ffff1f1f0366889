/**
 * Sessions kept in the visitor's browser, in a signed cookie (Flask's
 * default `SecureCookieSessionInterface`; Werkzeug's old `SecureCookie`).
 *
 * The cookie holds the whole session: its id, its values and when it
 * expires, as JSON in base64url, signed (`signing.ts`). The server stores
 * nothing, so it scales to any number of servers, but:
 * - the visitor can read the values (base64 is not encryption): keep
 *   secrets out of the session;
 * - a browser keeps at most about 4 kB per cookie: saving a larger session
 *   throws, rather than letting the browser drop it silently;
 * - a cookie cannot be taken back: one copied before sign-out stays valid
 *   until it expires. Keep `maxAge` short, or use the server-side variant.
 *
 * The expiry is inside the signed data, so a visitor cannot stretch it by
 * keeping the cookie longer than its `Max-Age`. A cookie that is tampered
 * with, malformed, signed with an unknown key or expired gives a new, empty
 * session: never an error, since anyone can send any cookie.
 *
 * @example
 * const variant = new SignedCookieSessions(new Signer(keys), "session", 3600);
 * const { session } = await variant.load(cookieValue);
 */
import { newSessionId, Session, type SessionData, type SessionVariant } from "./session.ts";
import type { Signer } from "./signing.ts";

/** What the cookie carries, before it is signed. */
interface Payload {
  id: string;
  /** When the session ends, in milliseconds since 1970. */
  expires: number;
  data: SessionData;
}

/** Browsers keep at least 4096 bytes of name and value per cookie (RFC 6265, section 6.1); count on no more. */
const MAX_COOKIE_BYTES = 4096;

const DONE: Promise<void> = Promise.resolve();

/**
 * The signed-cookie variant of `SessionVariant`.
 * @example new SignedCookieSessions(new Signer([secret]), "session", 3600)
 */
export class SignedCookieSessions implements SessionVariant {
  constructor(
    readonly signer: Signer,
    readonly cookieName: string,
    /** Seconds a saved session lasts. */
    readonly maxAge: number,
  ) {}

  /** @example const { session, stale } = await variant.load(cookie); */
  async load(cookie: string | undefined): Promise<{ session: Session; stale: boolean }> {
    const checked = cookie === undefined ? undefined : this.signer.unsign(this.cookieName, cookie);
    const payload = checked === undefined ? undefined : readPayload(checked.value);
    if (checked === undefined || payload === undefined) {
      return { session: new Session(newSessionId(), {}, true), stale: false };
    }
    return { session: new Session(payload.id, payload.data, false), stale: checked.keyIndex > 0 };
  }

  /** @example const { cookie } = variant.save(session); */
  save(session: Session): { cookie: string | undefined; stored: Promise<void> } {
    if (session.isEmpty) return { cookie: undefined, stored: DONE };
    const payload: Payload = {
      id: session.id,
      expires: Date.now() + this.maxAge * 1000,
      data: session.toJSON(),
    };
    const encoded = Buffer.from(JSON.stringify(payload)).toString("base64url");
    const cookie = this.signer.sign(this.cookieName, encoded);
    const size = this.cookieName.length + 1 + cookie.length;
    if (size > MAX_COOKIE_BYTES) {
      throw new Error(
        `the session cookie would be ${size} bytes, more than the ${MAX_COOKIE_BYTES} a browser keeps: ` +
          "store less in the session, or keep sessions on the server (the store option)",
      );
    }
    return { cookie, stored: DONE };
  }
}

/** The payload, if the (already verified) text decodes to one that has not expired. */
function readPayload(text: string): Payload | undefined {
  let payload: unknown;
  try {
    payload = JSON.parse(Buffer.from(text, "base64url").toString("utf8"));
  } catch {
    return undefined;
  }
  return isPayload(payload) && payload.expires > Date.now() ? payload : undefined;
}

/** A signature proves who wrote the payload, not that it has the right shape: an older version may have. */
function isPayload(value: unknown): value is Payload {
  if (typeof value !== "object" || value === null) return false;
  const { id, expires, data } = value as Record<string, unknown>;
  return (
    typeof id === "string" &&
    typeof expires === "number" &&
    typeof data === "object" &&
    data !== null &&
    !Array.isArray(data)
  );
}
