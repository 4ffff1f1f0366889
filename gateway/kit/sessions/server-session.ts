/**
 * Sessions kept on the server, the cookie carrying only a signed id
 * (Paste's `paste.session`, which keeps them in files; Werkzeug's old
 * `werkzeug.contrib.sessions`; Beaker; PHP's and Django's default).
 *
 * The cookie holds a random id (32 bytes, base64url), signed so that a
 * forged id is refused before the store is even asked. The values stay in
 * a `SessionStore` on the server: the visitor never sees them, a session
 * can hold more than 4 kB, and a session can be ended for good: once the
 * store forgets it, a copied cookie is worth nothing.
 *
 * An id the store does not know (expired, or deleted on sign-out) gives a
 * new session with a new id: the server never adopts an id a visitor chose.
 *
 * Saving is a store write, and a store may be a database, so it is async.
 * The cookie is made at once (it only needs the id), and the middleware
 * waits for the write before the first byte of the response goes out: by
 * the time the browser sees the cookie, the store holds what it names.
 *
 * @example
 * const variant = new ServerSessions(new Signer(keys), new MemoryStore(), "session", 3600);
 * const { session } = await variant.load(cookieValue);
 */
import { newSessionId, Session, type SessionStore, type SessionVariant } from "./session.ts";
import type { Signer } from "./signing.ts";

/**
 * The server-side variant of `SessionVariant`.
 * @example new ServerSessions(new Signer([secret]), new MemoryStore(), "session", 3600)
 */
export class ServerSessions implements SessionVariant {
  constructor(
    readonly signer: Signer,
    readonly store: SessionStore,
    readonly cookieName: string,
    /** Seconds a saved session lasts. */
    readonly maxAge: number,
  ) {}

  /** @example const { session, stale } = await variant.load(cookie); */
  async load(cookie: string | undefined): Promise<{ session: Session; stale: boolean }> {
    const checked = cookie === undefined ? undefined : this.signer.unsign(this.cookieName, cookie);
    const data = checked === undefined ? undefined : await this.store.get(checked.value);
    if (checked === undefined || data === undefined) {
      return { session: new Session(newSessionId(), {}, true), stale: false };
    }
    return { session: new Session(checked.value, data, false), stale: checked.keyIndex > 0 };
  }

  /** @example const { cookie, stored } = variant.save(session); await stored; */
  save(session: Session): { cookie: string | undefined; stored: Promise<void> } {
    const writes: Promise<void>[] = [];
    if (session.retiredId !== undefined) writes.push(this.store.delete(session.retiredId));
    if (session.isEmpty) {
      writes.push(this.store.delete(session.id));
      return { cookie: undefined, stored: settle(writes) };
    }
    const expiresAt = Date.now() + this.maxAge * 1000;
    writes.push(this.store.set(session.id, session.toJSON(), expiresAt));
    return { cookie: this.signer.sign(this.cookieName, session.id), stored: settle(writes) };
  }
}

async function settle(writes: Promise<void>[]): Promise<void> {
  await Promise.all(writes);
}
