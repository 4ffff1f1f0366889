/**
 * The users: who has an account, found by name or by id, kept in the
 * `users` table of the app's database.
 *
 * A username is stored normalised (`normalizeUsername`), and the column is
 * UNIQUE, so "Ada", "ADA" and the full-width "ＡＤＡ" are one account, not
 * three that look alike on screen. Every query is a prepared statement with
 * the values passed as parameters: a name like `x' OR '1'='1` is only ever
 * a name, never SQL.
 *
 * @example
 * const users = new UserStore(openDatabase(config.dataDir));
 * const ada = users.add("Ada", await hashPassword("correct horse"));
 * users.byUsername("ADA")?.id === ada?.id; // true
 */
import type { Statement } from "better-sqlite3";
import type { Database } from "./database.ts";

/**
 * One account, as stored.
 * @example const user: UserRecord = { id: 1, username: "ada", passwordHash: "scrypt$...", createdAt: "2026-05-01T09:30:00.000Z" };
 */
export interface UserRecord {
  id: number;
  /** The normalised name (`normalizeUsername`). */
  username: string;
  /** What the password hashing stored: the hash, its salt and its parameters. */
  passwordHash: string;
  /** When the account was made, ISO 8601 in UTC. */
  createdAt: string;
}

/**
 * The form a username is stored and compared in: Unicode NFKC, then lower
 * case, then trimmed. NFKC folds characters that are the same letter in
 * another form (full-width "Ａ", the ligature "ﬁ") into the plain one; lower
 * case makes "Ada" and "ada" the same; trimming drops the stray spaces a
 * paste brings along.
 * @example normalizeUsername(" ＡＤＡ "); // "ada"
 */
export function normalizeUsername(raw: string): string {
  return raw.normalize("NFKC").toLowerCase().trim();
}

/** The columns of a `UserRecord`, named as its properties. */
const COLUMNS = "id, username, password_hash AS passwordHash, created_at AS createdAt";

/**
 * The accounts in the database.
 * @example const users = new UserStore(db);
 */
export class UserStore {
  readonly #insert: Statement<[string, string], UserRecord>;
  readonly #byUsername: Statement<[string], UserRecord>;
  readonly #byId: Statement<[number], UserRecord>;

  /** Prepares the statements once; each call only binds its values. */
  constructor(db: Database) {
    // ON CONFLICT DO NOTHING: a name that is taken inserts no row, and RETURNING returns none.
    // The check and the insert are one statement, so two sign-ups for one name cannot both win.
    this.#insert = db.prepare(
      `INSERT INTO users (username, password_hash) VALUES (?, ?)
       ON CONFLICT (username) DO NOTHING
       RETURNING ${COLUMNS}`,
    );
    this.#byUsername = db.prepare(`SELECT ${COLUMNS} FROM users WHERE username = ?`);
    this.#byId = db.prepare(`SELECT ${COLUMNS} FROM users WHERE id = ?`);
  }

  /**
   * Makes an account. `undefined` when the normalised name is taken.
   * @example if (users.add(name, hash) === undefined) answer("That name is taken.");
   */
  add(username: string, passwordHash: string): UserRecord | undefined {
    return this.#insert.get(normalizeUsername(username), passwordHash);
  }

  /**
   * The account with this name, in any form that normalises to it.
   * @example users.byUsername("Ada")
   */
  byUsername(username: string): UserRecord | undefined {
    return this.#byUsername.get(normalizeUsername(username));
  }

  /**
   * The account with this id (as kept in the session).
   * @example users.byId(Number(session.get("userId")))
   */
  byId(id: number): UserRecord | undefined {
    return this.#byId.get(id);
  }
}
