/**
 * A `SessionStore` in memory (the interface is that of Werkzeug's old
 * `werkzeug.contrib.sessions.SessionStore`; Beaker's `memory` backend).
 *
 * Good for development, tests and a single process. Sessions are lost on
 * restart and not shared between processes: the sign-in app uses SQLite.
 *
 * It is bounded, so a flood of new visitors cannot fill the memory: past
 * `maxSessions`, the session written longest ago is dropped. Every session
 * lasts the same `maxAge` from its last write, so that is also the one
 * closest to expiring. Expired sessions are forgotten when asked for, and
 * crowded out by new ones otherwise. Values are kept as JSON text, as a
 * database would keep them, so no caller can change them behind its back.
 *
 * @example
 * const app = sessions({ keys: [secret], store: new MemoryStore({ maxSessions: 1000 }) })(site);
 */
import type { SessionData, SessionStore } from "./session.ts";

/**
 * An in-memory `SessionStore`.
 * @example const store = new MemoryStore({ maxSessions: 1000 });
 */
export class MemoryStore implements SessionStore {
  /** In order of last write: a Map iterates in insertion order, and `set` re-inserts. */
  readonly #sessions = new Map<string, { json: string; expiresAt: number }>();
  readonly #maxSessions: number;

  constructor(options: { maxSessions?: number } = {}) {
    const maxSessions = options.maxSessions ?? 10_000;
    if (!Number.isSafeInteger(maxSessions) || maxSessions < 1) {
      throw new TypeError(
        `MemoryStore: maxSessions is a whole number of at least 1, not ${maxSessions}`,
      );
    }
    this.#maxSessions = maxSessions;
  }

  /** How many sessions it holds, expired ones included. @example store.size */
  get size(): number {
    return this.#sessions.size;
  }

  /** @example await store.get(id) */
  async get(id: string): Promise<SessionData | undefined> {
    const entry = this.#sessions.get(id);
    if (entry === undefined) return undefined;
    if (entry.expiresAt <= Date.now()) {
      this.#sessions.delete(id);
      return undefined;
    }
    return JSON.parse(entry.json) as SessionData;
  }

  /** @example await store.set(id, { userId: 1 }, Date.now() + 3_600_000) */
  async set(id: string, data: SessionData, expiresAt: number): Promise<void> {
    this.#sessions.delete(id);
    this.#sessions.set(id, { json: JSON.stringify(data), expiresAt });
    for (const oldest of this.#sessions.keys()) {
      if (this.#sessions.size <= this.#maxSessions) break;
      this.#sessions.delete(oldest);
    }
  }

  /** @example await store.delete(id) */
  async delete(id: string): Promise<void> {
    this.#sessions.delete(id);
  }
}
