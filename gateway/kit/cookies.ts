/**
 * Cookies, read and written (like Werkzeug's `werkzeug.http.parse_cookie`
 * and `dump_cookie`).
 *
 * Reading is tolerant: browsers and proxies send all sorts, so a pair that
 * cannot be read is skipped, never an error. When a name comes twice, the
 * first value wins: browsers send the cookie with the longest `Path` first
 * (RFC 6265, section 5.4), which is the one meant for this page.
 *
 * Writing is strict: a mistake in a `Set-Cookie` header is silent (the
 * browser drops the cookie, or worse, keeps it without the protection you
 * asked for), so every problem throws at once with what to do instead.
 *
 * @example
 * parseCookies(environ).get("theme"); // "dark"
 * startResponse("200 OK", [
 *   ["Content-Type", "text/plain"],
 *   ["Set-Cookie", serializeCookie("theme", "dark", { maxAge: 86_400, httpOnly: true })],
 * ]);
 */
import type { Environ } from "../types.ts";

/** A cookie name is an HTTP token (RFC 6265, section 4.1.1). */
const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
/** `Domain` and `Path` end at ";", and no control character belongs in a header. */
const ATTRIBUTE_VALUE = /^[^;\p{Cc}]*$/u;

/**
 * The attributes of a `Set-Cookie` header (RFC 6265bis, section 4.1).
 * @example const options: CookieOptions = { maxAge: 3600, httpOnly: true, sameSite: "Lax" };
 */
export interface CookieOptions {
  /** Seconds until the browser forgets the cookie; 0 forgets it now. */
  maxAge?: number;
  /** When the browser forgets it (older browsers read this, not `maxAge`). */
  expires?: Date;
  domain?: string;
  path?: string;
  /** Sent over HTTPS only. */
  secure?: boolean;
  /** Hidden from the page's JavaScript: a script injected into the page cannot steal it. */
  httpOnly?: boolean;
  /** Whether other sites' pages may make the browser send it: "Lax" (a sound default) allows top-level links. */
  sameSite?: "Strict" | "Lax" | "None";
  /** Kept apart per top-level site (CHIPS); needs `secure`. */
  partitioned?: boolean;
}

/**
 * The cookies the request carries, by name. Values are percent-decoded
 * where they can be, and a surrounding pair of double quotes is dropped.
 * @example const theme = parseCookies(environ).get("theme") ?? "light";
 */
export function parseCookies(environ: Environ): Map<string, string> {
  const cookies = new Map<string, string>();
  for (const pair of (environ.HTTP_COOKIE ?? "").split(";")) {
    const equals = pair.indexOf("=");
    const name = pair.slice(0, equals).trim();
    if (equals === -1 || !TOKEN.test(name) || cookies.has(name)) continue;
    cookies.set(name, decodeValue(pair.slice(equals + 1).trim()));
  }
  return cookies;
}

/**
 * A `Set-Cookie` header value. The value is percent-encoded, so any text
 * fits; the name must be a token. Throws on options a browser would drop
 * or misread.
 * @example serializeCookie("sid", id, { httpOnly: true, secure: true, sameSite: "Lax", path: "/" });
 */
export function serializeCookie(name: string, value: string, options: CookieOptions = {}): string {
  checkName(name);
  checkOptions(name, options);
  const parts = [`${name}=${encodeURIComponent(value)}`];
  if (options.maxAge !== undefined) parts.push(`Max-Age=${options.maxAge}`);
  if (options.expires !== undefined) parts.push(`Expires=${options.expires.toUTCString()}`);
  if (options.domain !== undefined) parts.push(`Domain=${options.domain}`);
  if (options.path !== undefined) parts.push(`Path=${options.path}`);
  if (options.secure) parts.push("Secure");
  if (options.httpOnly) parts.push("HttpOnly");
  if (options.sameSite !== undefined) parts.push(`SameSite=${options.sameSite}`);
  if (options.partitioned) parts.push("Partitioned");
  return parts.join("; ");
}

/**
 * A `Set-Cookie` value that makes the browser forget the cookie now. Give
 * the same `path` and `domain` it was set with: they are part of its identity.
 * @example ["Set-Cookie", expiredCookie("theme", { path: "/" })]
 */
export function expiredCookie(name: string, options: CookieOptions = {}): string {
  return serializeCookie(name, "", { ...options, maxAge: 0, expires: new Date(0) });
}

function decodeValue(raw: string): string {
  const value =
    raw.length >= 2 && raw.startsWith('"') && raw.endsWith('"') ? raw.slice(1, -1) : raw;
  try {
    return decodeURIComponent(value);
  } catch {
    return value; // not ours, or not encoded: keep it as it came
  }
}

function checkName(name: string): void {
  if (typeof name !== "string" || !TOKEN.test(name)) {
    throw new TypeError(
      `the cookie name ${JSON.stringify(name)} is not a token: use letters, digits and "-_.", like "session"`,
    );
  }
}

function checkOptions(name: string, options: CookieOptions): void {
  const { maxAge, expires, domain, path, sameSite } = options;
  if (maxAge !== undefined && !Number.isInteger(maxAge)) {
    throw new TypeError(`cookie ${name}: maxAge is a whole number of seconds, not ${maxAge}`);
  }
  if (expires !== undefined && !(expires instanceof Date && !Number.isNaN(expires.getTime()))) {
    throw new TypeError(`cookie ${name}: expires must be a valid Date`);
  }
  for (const [attribute, value] of [
    ["domain", domain],
    ["path", path],
  ] as const) {
    if (value !== undefined && !ATTRIBUTE_VALUE.test(value)) {
      throw new TypeError(
        `cookie ${name}: ${attribute} ${JSON.stringify(value)} may not hold ";" or control characters`,
      );
    }
  }
  if (sameSite !== undefined && !["Strict", "Lax", "None"].includes(sameSite)) {
    throw new TypeError(
      `cookie ${name}: sameSite is "Strict", "Lax" or "None", not ${JSON.stringify(sameSite)}`,
    );
  }
  checkNeedsSecure(name, options);
}

/** The browsers' own rules: break one and the cookie is silently dropped. */
function checkNeedsSecure(name: string, options: CookieOptions): void {
  const needs = (why: string) => {
    if (!options.secure)
      throw new TypeError(
        `cookie ${name}: ${why} needs Secure: add secure: true (and serve over HTTPS)`,
      );
  };
  if (options.sameSite === "None") needs("SameSite=None");
  if (options.partitioned) needs("Partitioned");
  if (name.startsWith("__Secure-")) needs("the __Secure- prefix");
  if (name.startsWith("__Host-")) {
    needs("the __Host- prefix");
    if (options.path !== "/" || options.domain !== undefined) {
      throw new TypeError(`cookie ${name}: the __Host- prefix needs path: "/" and no domain`);
    }
  }
}
