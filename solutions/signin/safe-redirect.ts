/**
 * Exercise 11-safe-next: send the visitor back where they were, and nowhere else.
 *
 * `/private` sends a visitor to `/signin?next=/private`, and after signing in
 * the app redirects to `next`. Anyone can write a link with any `next`, so
 * without a check, `https://our.site/signin?next=https://evil.example/`
 * would send our users, right after they typed their password, to a page
 * made to look like ours (an "open redirect").
 *
 * Write `safeNext(next)`: return `next` when it is a path inside this app,
 * and "/" (the home page) for anything else. The result goes through
 * `appUrl()`, which puts SCRIPT_NAME in front. Accept only text that
 * - starts with exactly one "/" ("//evil.example" is another host to a
 *   browser: a "protocol-relative" URL);
 * - holds no backslash (browsers read "/\evil.example" as "//evil.example");
 * - holds no control character (browsers drop tabs and newlines from URLs,
 *   so "/\t/evil.example" becomes "//evil.example").
 * A scheme ("http:", "javascript:") cannot slip through: such text does not
 * start with "/". Missing (null, undefined) or empty: "/".
 *
 * Check it: npm run learn -- check 11-safe-next
 * Read: lessons/11-sign-in/README.md, "Exercise: safe redirects after sign-in".
 */

/**
 * `next` when it is a path inside this app; "/" otherwise.
 * @example safeNext("/private"); // "/private"
 * @example safeNext("//evil.example/"); // "/"
 */
export function safeNext(next: string | null | undefined): string {
  if (!next?.startsWith("/") || next.startsWith("//")) return "/";
  // One test for both: a backslash, or a control character (C0, DEL, C1).
  return /[\\\p{Cc}]/u.test(next) ? "/" : next;
}

/**
 * `url` with a `next` parameter, so the sign-in can send the visitor back.
 * The "/"s of the path stay readable (they need no escaping in a query).
 * @example withNext("/signin", "/private?tab=2"); // "/signin?next=/private%3Ftab%3D2"
 */
export function withNext(url: string, next: string | null | undefined): string {
  if (!next) return url;
  return `${url}?next=${encodeURIComponent(next).replaceAll("%2F", "/")}`;
}
