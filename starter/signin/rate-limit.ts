/**
 * Rate limits, so that guessing passwords is slow, and so is making the
 * server hash them.
 *
 * A password guesser needs many tries. Two limits on failed sign-ins, each
 * over a sliding window of 15 minutes (OWASP's Authentication Cheat Sheet):
 * - 5 per username: nobody guesses one account's password;
 * - 100 per address (`REMOTE_ADDR`): one machine cannot try a common
 *   password against many usernames either. An IPv6 client is usually
 *   given a whole /64 network, 2^64 addresses to pick from, so an IPv6
 *   address counts by its first 64 bits (`addressKey`).
 * And two on the password hashing itself, which costs a full scrypt (128
 * MiB and a few tenths of a second) each time:
 * - 20 sign-ups per address in 15 minutes: without it one machine could
 *   keep the server hashing, and fill the database with accounts. A
 *   household or an office behind one address makes a few;
 * - 300 sign-ins per address in 15 minutes, successful ones included: a
 *   client that knows one password could otherwise sign in again and again
 *   to keep the server hashing, since a success takes its failure back.
 * Past a limit the answer is 429 Too Many Requests with `Retry-After`: the
 * seconds until the oldest attempt in the window expires.
 *
 * Each attempt is counted when it starts, before the slow password check,
 * so that 20 attempts sent at once cannot all slip in before the first
 * failure is counted. A successful sign-in takes its count back and clears
 * the username's failures. The counts are kept in the app's store
 * (store/store.ts, `LimitStore`), not in this process's memory: several
 * worker processes count in one place, and each step (read the key's hits,
 * decide, write them) is one step for every process at once, so N workers
 * allow the same number of tries as one.
 *
 * @example
 * const limits = new SigninLimits(store.limits, Date.now);
 * await limits.attempt("ada", environ.REMOTE_ADDR ?? ""); // throws 429 past a limit
 * if (ok) await limits.succeeded("ada", environ.REMOTE_ADDR ?? "");
 */
import { isIPv6 } from "node:net";
import { tooManyRequests } from "../../gateway/kit/http-errors.ts";
import type { LimitChange, LimitStore } from "./store/store.ts";

const FIFTEEN_MINUTES = 15 * 60 * 1000;

/**
 * How much of a username is its key. No account's name is longer than 32
 * characters (validation.ts), but a form may send 8 KiB of one, and each
 * failure keeps its key for 15 minutes: cut, a flood of made-up names
 * cannot fill the database. Names that long exist nowhere, so sharing a
 * count costs nobody anything.
 */
const USERNAME_KEY_LENGTH = 64;

/**
 * One limit: at most `limit` hits per key in any `windowMs`, counted in `store` under `name`.
 * @example const limiter = new RateLimiter({ name: "tries", store: store.limits, limit: 5, windowMs: 60_000 });
 */
export interface RateLimitOptions {
  /** The limiter's name: its keys are kept under it, apart from other limiters'. */
  name: string;
  store: LimitStore;
  limit: number;
  windowMs: number;
  /** The clock, in milliseconds; tests pass their own. Default `Date.now`. */
  now?: () => number;
  /** Keys remembered at most (default 100 000): the ones closest to expiring go first. */
  maxKeys?: number;
}

/**
 * A sliding-window limiter: per key, the times of its recent hits.
 * @example if ((await limiter.hit("ada")) > 0) refuse();
 */
export class RateLimiter {
  readonly #options: Required<RateLimitOptions>;

  constructor(options: RateLimitOptions) {
    this.#options = { now: Date.now, maxKeys: 100_000, ...options };
  }

  /**
   * Counts a hit, if the key is under its limit, and answers 0; past the
   * limit, counts nothing and answers the seconds to wait.
   * @example const wait = await limiter.hit(address); if (wait > 0) throw tooManyRequests(wait);
   */
  hit(key: string): Promise<number> {
    const { limit, windowMs } = this.#options;
    return this.#step(key, (recent, now) => {
      const oldest = recent[0];
      if (oldest !== undefined && recent.length >= limit) {
        return [recent, Math.max(1, Math.ceil((oldest + windowMs - now) / 1000))];
      }
      return [[...recent, now], 0];
    });
  }

  /** Takes back the latest hit: the attempt turned out fine. @example await limiter.takeBack(address); */
  takeBack(key: string): Promise<void> {
    return this.#step(key, (recent) => [recent.slice(0, -1), undefined]);
  }

  /** Forgets the key's hits. @example await limiter.reset("ada"); */
  reset(key: string): Promise<void> {
    return this.#step(key, () => [[], undefined]);
  }

  /**
   * One step on the key's hits in the window, oldest first: `decide` says
   * which to keep and what to answer. The store runs it with the key locked.
   */
  #step<Result>(
    key: string,
    decide: (recent: number[], now: number) => [kept: number[], result: Result],
  ): Promise<Result> {
    const { name, store, windowMs, now: clock, maxKeys } = this.#options;
    const now = clock();
    return store.update({ limiter: name, key, now, maxKeys }, (hits): LimitChange<Result> => {
      const [kept, result] = decide(
        hits.filter((time) => time > now - windowMs),
        now,
      );
      // The row is needed until its newest hit leaves the window.
      return { hits: kept, expiresAt: (kept.at(-1) ?? now) + windowMs, result };
    });
  }
}

/**
 * The app's limits: failed sign-ins per username and per address, sign-ins
 * and sign-ups per address.
 * @example const limits = new SigninLimits(store.limits, () => clock.now);
 */
export class SigninLimits {
  readonly byUsername: RateLimiter;
  readonly byAddress: RateLimiter;
  readonly signIns: RateLimiter;
  readonly signUps: RateLimiter;

  constructor(store: LimitStore, now: () => number = Date.now) {
    const limiter = (name: string, limit: number) =>
      new RateLimiter({ name, store, limit, windowMs: FIFTEEN_MINUTES, now });
    this.byUsername = limiter("failed sign-ins by username", 5);
    this.byAddress = limiter("failed sign-ins by address", 100);
    this.signIns = limiter("sign-ins by address", 300);
    this.signUps = limiter("sign-ups by address", 20);
  }

  /**
   * Counts an attempt; throws 429 (with `Retry-After`) when a limit is
   * reached. The address is checked first, so a refused address leaves the
   * username's count alone.
   * @example await limits.attempt(normalizeUsername(form.username), environ.REMOTE_ADDR ?? "");
   */
  async attempt(username: string, address: string): Promise<void> {
    const signInWait = await this.signIns.hit(addressKey(address));
    if (signInWait > 0) {
      const message = `Too many sign-ins from your address. ${tryAgain(signInWait)}.`;
      throw tooManyRequests(signInWait, message);
    }
    const addressWait = await this.byAddress.hit(addressKey(address));
    if (addressWait > 0) {
      const message = `Too many failed sign-ins from your address. ${tryAgain(addressWait)}.`;
      throw tooManyRequests(addressWait, message);
    }
    const usernameWait = await this.byUsername.hit(usernameKey(username));
    if (usernameWait > 0) {
      await this.byAddress.takeBack(addressKey(address));
      const message =
        `Too many failed sign-ins for this username. ${tryAgain(usernameWait)}, ` +
        "or check that the username is right.";
      throw tooManyRequests(usernameWait, message);
    }
  }

  /** The attempt succeeded: it does not count, and the username starts afresh. */
  async succeeded(username: string, address: string): Promise<void> {
    await this.byAddress.takeBack(addressKey(address));
    await this.byUsername.reset(usernameKey(username));
  }

  /**
   * Counts a sign-up that is about to hash a password; throws 429 past the limit.
   * @example await limits.signUp(environ.REMOTE_ADDR ?? ""); await hashPassword(password);
   */
  async signUp(address: string): Promise<void> {
    const wait = await this.signUps.hit(addressKey(address));
    if (wait > 0)
      throw tooManyRequests(wait, `Too many sign-ups from your address. ${tryAgain(wait)}.`);
  }
}

/**
 * What the per-address limits count by: an IPv4 address as it is, an IPv6
 * address by its /64 network, in one spelling however it was written.
 * A dual-stack server shows IPv4 clients as `::ffff:192.0.2.1`: those
 * count as the IPv4 address they are.
 * @example addressKey("2001:db8::7"); // "2001:db8:0:0::/64"
 */
export function addressKey(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped?.[1] !== undefined) return mapped[1];
  if (!isIPv6(address)) return address;
  // "::" stands for as many groups of zeros as are missing; an IPv4 tail is two groups.
  const [head = "", tail = ""] = address.split("%")[0]?.split("::") ?? [];
  const left = head === "" ? [] : head.split(":");
  const right = tail === "" ? [] : tail.split(":");
  const missing = 8 - left.length - right.length - (tail.includes(".") ? 1 : 0);
  const groups = [...left, ...Array<string>(Math.max(0, missing)).fill("0"), ...right];
  const network = groups.slice(0, 4).map((group) => Number.parseInt(group, 16).toString(16));
  return `${network.join(":")}::/64`;
}

/** The name, cut; a NUL character (which PostgreSQL's text cannot hold) becomes U+FFFD. */
function usernameKey(username: string): string {
  return username.slice(0, USERNAME_KEY_LENGTH).replaceAll("\0", "\uFFFD");
}

/** "Try again in 15 minutes": the wait, rounded up to whole minutes. */
function tryAgain(seconds: number): string {
  const minutes = Math.ceil(seconds / 60);
  return `Try again in ${minutes} minute${minutes === 1 ? "" : "s"}`;
}
