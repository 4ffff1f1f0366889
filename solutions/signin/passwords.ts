/**
 * Exercise 11-check-password: check a password against its stored hash.
 *
 * The app never stores a password, only what scrypt makes of it: a slow,
 * salted, memory-hard hash. `hashPassword` (written for you) stores the
 * parameters and the salt with the hash, in one string:
 *
 *   scrypt$17$8$1$<salt, base64url>$<hash, base64url>
 *            log2(N), r, p
 *
 * Write `verifyPassword(password, stored, options)`:
 *   1. read the stored string with `parseHash(stored)`; a string it cannot
 *      read (undefined) matches no password: return false;
 *   2. derive the key of `password` with the STORED salt and cost (not
 *      today's default: a hash made years ago keeps its own parameters),
 *      using `options.derive`, or `scryptKey` when none is given;
 *   3. compare the two keys with `timingSafeEqual` from node:crypto (check
 *      that their lengths are equal first: it throws otherwise).
 *
 * Why `timingSafeEqual`: `a.equals(b)` stops at the first byte that
 * differs, so how long it takes tells an attacker how much was right.
 *
 * Check it: npm run learn -- check 11-check-password
 * Read: lessons/11-sign-in/README.md, "Exercise: check the password".
 */
import { randomBytes, scrypt, timingSafeEqual } from "node:crypto";

/**
 * scrypt's work factors: N = 2^log2N (CPU and memory), r (block size), p (parallelism).
 * @example const cheap: ScryptCost = { log2N: 4, r: 8, p: 1 }; // tests only
 */
export interface ScryptCost {
  log2N: number;
  r: number;
  p: number;
}

/**
 * OWASP's recommended minimum for scrypt (Password Storage Cheat Sheet):
 * N=2^17, r=8, p=1. About 128 MiB and a few tenths of a second per hash.
 * @example await hashPassword("correct horse", { cost: OWASP_COST });
 */
export const OWASP_COST: ScryptCost = { log2N: 17, r: 8, p: 1 };

/**
 * Derives a key from a password and a salt. Tests pass their own to count calls.
 * @example const key = await scryptKey("correct horse", salt, OWASP_COST);
 */
export type DeriveKey = (password: string, salt: Buffer, cost: ScryptCost) => Promise<Buffer>;

/**
 * How passwords are hashed: the cost of new hashes, and the key derivation.
 * @example createApp({ ...stores, passwords: { cost: { log2N: 4, r: 8, p: 1 } } });
 */
export interface PasswordOptions {
  /** The cost of new hashes (default `OWASP_COST`); a stored hash keeps its own. */
  cost?: ScryptCost;
  /** Default `scryptKey`. */
  derive?: DeriveKey;
}

/** A stored hash, read back. */
export interface ParsedHash {
  cost: ScryptCost;
  salt: Buffer;
  key: Buffer;
}

/** 16 random bytes: no two users share a salt, so no table of precomputed hashes helps. */
const SALT_BYTES = 16;
const KEY_BYTES = 32;
/** A stored hash asking for more than 2^20 (1 GiB of memory) is refused, not run. */
const MAX_LOG2N = 20;

/**
 * scrypt from node:crypto, as a promise. It runs on libuv's thread pool, so
 * the server keeps answering other requests meanwhile. The password is
 * normalised (NFKC) first, so "é" typed as one character or as "e" and an
 * accent is the same password.
 * @example const key = await scryptKey("correct horse", randomBytes(16), OWASP_COST);
 */
export const scryptKey: DeriveKey = (password, salt, { log2N, r, p }) => {
  const N = 2 ** log2N;
  // scrypt needs 128 * N * r bytes (128 MiB at OWASP's cost), more than
  // Node's default maxmem of 32 MiB: allow twice that.
  const options = { N, r, p, maxmem: 256 * N * r };
  return new Promise((resolve, reject) => {
    scrypt(password.normalize("NFKC"), salt, KEY_BYTES, options, (error, key) =>
      error === null ? resolve(key) : reject(error),
    );
  });
};

// #region hash
/**
 * Hashes a new password: a fresh random salt, then scrypt.
 * @example users.add(name, await hashPassword(password));
 */
export async function hashPassword(
  password: string,
  options: PasswordOptions = {},
): Promise<string> {
  const { cost = OWASP_COST, derive = scryptKey } = options;
  const salt = randomBytes(SALT_BYTES);
  return formatHash(cost, salt, await derive(password, salt, cost));
}
// #endregion hash

/**
 * True when `password` is the one `stored` was made from.
 * @example if (await verifyPassword(form.password, user.passwordHash)) signIn(environ, user.id);
 */
export async function verifyPassword(
  password: string,
  stored: string,
  options: PasswordOptions = {},
): Promise<boolean> {
  const parsed = parseHash(stored);
  if (parsed === undefined) return false;
  const { derive = scryptKey } = options;
  const key = await derive(password, parsed.salt, parsed.cost);
  // Every byte is compared, whatever the first difference: the time tells nothing.
  return key.length === parsed.key.length && timingSafeEqual(key, parsed.key);
}

// #region dummy
/**
 * A hash of no password at all: random bytes in the stored format. Checking
 * a password against it costs exactly what checking a real one costs, and
 * never matches. The sign-in uses it for a username nobody has, so that the
 * answer takes as long as for a real user with a wrong password.
 * @example await verifyPassword(password, user?.passwordHash ?? dummyHash(cost));
 */
export function dummyHash(cost: ScryptCost = OWASP_COST): string {
  return formatHash(cost, randomBytes(SALT_BYTES), randomBytes(KEY_BYTES));
}
// #endregion dummy

/**
 * Reads a stored hash; `undefined` for anything not in the format
 * `hashPassword` writes, or asking for an unreasonable cost.
 * @example parseHash("scrypt$17$8$1$c2FsdA$a2V5")?.cost; // { log2N: 17, r: 8, p: 1 }
 */
export function parseHash(stored: string): ParsedHash | undefined {
  const match = /^scrypt\$(\d{1,2})\$(\d{1,2})\$(\d{1,2})\$([\w-]+)\$([\w-]+)$/.exec(stored);
  if (match === null) return undefined;
  const [, log2N, r, p, salt = "", key = ""] = match;
  const cost = { log2N: Number(log2N), r: Number(r), p: Number(p) };
  if (cost.log2N < 1 || cost.log2N > MAX_LOG2N || cost.r < 1 || cost.p < 1) return undefined;
  return { cost, salt: Buffer.from(salt, "base64url"), key: Buffer.from(key, "base64url") };
}

function formatHash({ log2N, r, p }: ScryptCost, salt: Buffer, key: Buffer): string {
  return ["scrypt", log2N, r, p, salt.toString("base64url"), key.toString("base64url")].join("$");
}
