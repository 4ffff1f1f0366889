/**
 * The session: what an app remembers about one visitor between requests
 * (Flask's `session`, Beaker's `SessionObject`, Werkzeug's
 * `SecureCookie`), and the interfaces its two storage variants share.
 *
 * An app finds it in `environ["kit.session"]` (or with `sessionOf(environ)`)
 * and treats it as a small map of JSON values. It keeps track of whether
 * anything changed, so that the `sessions()` middleware sends a cookie only
 * when there is something new to remember. `get()` hands out a copy: to
 * change a stored object, `set()` it again.
 *
 * The session is saved when the response starts (startResponse), because
 * its cookie is a header. A change after that would be lost, so it throws.
 *
 * @example
 * const session = sessionOf(environ);
 * const visits = Number(session.get("visits") ?? 0) + 1;
 * session.set("visits", visits);
 * // on sign-in: a new id, so that an id planted before sign-in is worth nothing
 * session.regenerate();
 * session.set("userId", user.id);
 */
import { randomBytes } from "node:crypto";

/**
 * What a session can hold: what `JSON.stringify` writes and `JSON.parse` reads back unchanged.
 * @example const cart: JsonValue = [{ item: "apple", count: 2 }];
 */
export type JsonValue =
  | string
  | number
  | boolean
  | null
  | JsonValue[]
  | { [key: string]: JsonValue };

/**
 * A session's contents, as stored.
 * @example const data: SessionData = { userId: 7, theme: "dark" };
 */
export type SessionData = Record<string, JsonValue>;

/**
 * Where the server-side variant keeps sessions: by id, with an expiry time
 * (milliseconds since 1970, as `Date.now()`). Async, so that a database can
 * stand behind it. `get` returns `undefined` for an unknown or expired id.
 * @example sessions({ keys, store: new MemoryStore() })
 */
export interface SessionStore {
  get(id: string): Promise<SessionData | undefined>;
  set(id: string, data: SessionData, expiresAt: number): Promise<void>;
  delete(id: string): Promise<void>;
}

/**
 * What the `sessions()` middleware needs from a storage variant (a signed
 * cookie, or a server-side store): the session a cookie stands for, and how
 * to save one.
 * @example const { session } = await variant.load(parseCookies(environ).get("session"));
 */
export interface SessionVariant {
  /**
   * The session the cookie's value stands for; a new, empty one if it stands
   * for nothing valid. `stale`: it was signed with an older key, so it
   * should be signed again with the newest.
   */
  load(cookie: string | undefined): Promise<{ session: Session; stale: boolean }>;
  /**
   * Saves a session: the cookie's new value (`undefined` to remove the
   * cookie), and the store's writes, which may still be under way.
   */
  save(session: Session): { cookie: string | undefined; stored: Promise<void> };
}

/**
 * A new session id: 32 random bytes, base64url (43 characters).
 * @example newSessionId(); // "q3XN..."
 */
export function newSessionId(): string {
  return randomBytes(32).toString("base64url");
}

/**
 * One visitor's session, for the length of one request.
 * @example const session = new Session(newSessionId(), {}, true);
 */
export class Session {
  #id: string;
  #retiredId: string | undefined;
  readonly #data: Map<string, JsonValue>;
  readonly #isNew: boolean;
  #changed = false;
  #sealed = false;

  /** `isNew`: no session came with the request (or none that could be trusted). */
  constructor(id: string, data: SessionData, isNew: boolean) {
    this.#id = id;
    this.#data = new Map(Object.entries(structuredClone(data)));
    this.#isNew = isNew;
  }

  /** The session's id: random, and changed by `regenerate()`. */
  get id(): string {
    return this.#id;
  }

  /** The id that `regenerate()` or `destroy()` retired, for the store to forget. */
  get retiredId(): string | undefined {
    return this.#retiredId;
  }

  get isNew(): boolean {
    return this.#isNew;
  }

  /** True once anything was set, deleted or cleared, or the id regenerated. */
  get changed(): boolean {
    return this.#changed;
  }

  get isEmpty(): boolean {
    return this.#data.size === 0;
  }

  /** A copy of the value, or `undefined`. @example session.get("userId") */
  get(key: string): JsonValue | undefined {
    const value = this.#data.get(key);
    return value === undefined ? undefined : structuredClone(value);
  }

  /** @example session.has("userId") */
  has(key: string): boolean {
    return this.#data.has(key);
  }

  /** Stores a copy of a JSON value. @example session.set("cart", ["apple"]); */
  set(key: string, value: JsonValue): void {
    checkJson(value, key);
    this.#change();
    this.#data.set(key, structuredClone(value));
  }

  /** @example session.delete("flash"); */
  delete(key: string): void {
    this.#change();
    this.#data.delete(key);
  }

  /** Forgets every value; the id stays. @example session.clear(); */
  clear(): void {
    this.#change();
    this.#data.clear();
  }

  /**
   * A new id for the same values. Call it on sign-in: someone who planted
   * the old id in the visitor's browser (session fixation) is left with an
   * id that means nothing.
   * @example session.regenerate(); session.set("userId", user.id);
   */
  regenerate(): void {
    this.#change();
    this.#retiredId ??= this.#id;
    this.#id = newSessionId();
  }

  /**
   * Ends the session, on sign-out: the values and the id are gone, and the
   * cookie is removed. Values set afterwards start a new session.
   * @example session.destroy(); session.set("flash", "Signed out.");
   */
  destroy(): void {
    this.clear();
    this.regenerate();
  }

  /** The values, as stored. */
  toJSON(): SessionData {
    return structuredClone(Object.fromEntries(this.#data));
  }

  /** Called by the middleware once the cookie went into the headers: no more changes. */
  seal(): void {
    this.#sealed = true;
  }

  #change(): void {
    if (this.#sealed) {
      throw new Error(
        "the session was saved when the response started: change it before calling startResponse",
      );
    }
    this.#changed = true;
  }
}

/** Refuses what JSON would not bring back as it was (a Date, undefined, a class instance, NaN). */
function checkJson(value: unknown, where: string): void {
  if (value === null || typeof value === "string" || typeof value === "boolean") return;
  if (typeof value === "number" && Number.isFinite(value)) return;
  if (Array.isArray(value)) {
    for (const [index, item] of value.entries()) checkJson(item, `${where}[${index}]`);
    return;
  }
  const prototype = typeof value === "object" ? Object.getPrototypeOf(value) : undefined;
  if (prototype === Object.prototype || prototype === null) {
    for (const [key, item] of Object.entries(value as object)) checkJson(item, `${where}.${key}`);
    return;
  }
  throw new TypeError(
    `session value ${where} is ${value instanceof Object ? value.constructor.name : String(value)}: ` +
      "a session holds JSON (text, finite numbers, booleans, null, arrays, plain objects); " +
      "store a Date as date.toISOString(), and delete() a key rather than setting undefined",
  );
}
