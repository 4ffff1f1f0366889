/**
 * The users: who has an account, found by name or by id.
 *
 * A username is stored normalised (`normalizeUsername`), and the store
 * keeps names unique, so "Ada", "ADA" and the full-width "ＡＤＡ" are one
 * account, not three that look alike on screen. Where the accounts are kept
 * is the store's business (store/): an SQLite file, or PostgreSQL; the app
 * sees only the `Users` below, whose every answer is a promise, since a
 * database on another machine answers later.
 *
 * @example
 * const { users } = await openSqliteStore(config.dataDir);
 * const ada = await users.add("Ada", await hashPassword("correct horse"));
 * (await users.byUsername("ADA"))?.id === ada?.id; // true
 */

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
 * The accounts, wherever they are kept. Each method normalises the name it
 * is given. A name holding the NUL character (U+0000) is nobody's: no
 * account can have it (PostgreSQL's text cannot hold it, and the sign-up
 * form's rules refuse it first), so `byUsername` finds nobody and `add`
 * throws.
 * @example const users: Users = (await openSqliteStore(dataDir)).users;
 */
export interface Users {
  /**
   * Makes an account. `undefined` when the normalised name is taken: of two
   * sign-ups for one name at the same moment, exactly one gets the account.
   * @example if ((await users.add(name, hash)) === undefined) answer("That name is taken.");
   */
  add(username: string, passwordHash: string): Promise<UserRecord | undefined>;
  /**
   * The account with this name, in any form that normalises to it.
   * @example await users.byUsername("Ada")
   */
  byUsername(username: string): Promise<UserRecord | undefined>;
  /**
   * The account with this id (as kept in the session).
   * @example await users.byId(Number(session.get("userId")))
   */
  byId(id: number): Promise<UserRecord | undefined>;
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

/**
 * True for a name no account can have: one holding the NUL character.
 * @example if (isNobodysName(name)) return undefined;
 */
export function isNobodysName(username: string): boolean {
  return username.includes("\0");
}

/**
 * The error `add` throws for a name no account can have.
 * @example if (isNobodysName(name)) throw nobodysName();
 */
export function nobodysName(): RangeError {
  return new RangeError(
    "a username cannot hold the NUL character (U+0000): check it with usernameProblem first",
  );
}
