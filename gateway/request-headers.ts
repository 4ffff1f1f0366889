/**
 * Request headers in the environ: their keys, and the rule for a header
 * that comes more than once.
 *
 * Each request header becomes one environ key (PEP 3333, "environ
 * Variables"): `HTTP_` and its name upper-cased, with "-" as "_". A client
 * may send a header twice, and what that means depends on the header
 * (RFC 9110, section 5.3): a list such as `Accept` or `X-Forwarded-For`
 * is one list written over several lines, so the lines are joined; a field
 * that holds one value, such as `Host` or `Content-Type`, cannot be two
 * things at once, and joining them would hand the app a value nobody sent
 * (`Host: a, evil`). Such a request is refused with a 400. The
 * `node:http` server, the Express bridge, FastCGI (whose web server sends
 * a repeated header as a repeated parameter) and the test client all
 * follow this one rule.
 *
 * @example
 * addHeader(environ, "Cookie", "a=1");
 * addHeader(environ, "Cookie", "b=2"); // environ.HTTP_COOKIE === "a=1; b=2"
 * addHeader(environ, "Host", "evil");  // throws BadRequest when a Host came already
 */
import { BadRequest, isHostAndPort } from "./environ.ts";

/**
 * The environ key for a request header: `CONTENT_TYPE` and `CONTENT_LENGTH`
 * as CGI names them, every other header as `HTTP_` + its name upper-cased
 * with "-" as "_". A name with anything but letters, digits and "-" gets
 * `undefined`, as Apache and nginx drop it: "X_User" and "X-User" would
 * land on the same key, so a client could forge one with the other, and
 * "X.User" would become `HTTP_X.USER`, which reads as a middleware's
 * namespaced key.
 * @example headerKey("User-Agent"); // "HTTP_USER_AGENT"
 */
export function headerKey(name: string): string | undefined {
  const known = KNOWN_KEYS.get(name);
  if (known !== undefined || KNOWN_KEYS.has(name)) return known;
  const key = keyFor(name);
  // Bounded: a client inventing new header names must not grow it without end.
  if (KNOWN_KEYS.size < 500) KNOWN_KEYS.set(name, key);
  return key;
}

/**
 * The keys of header names seen before. Clients send the same few names
 * with every request, and looking one up is several times cheaper than
 * building its key again: on a small app this is a measurable part of a
 * request's cost (bench/README.md).
 */
const KNOWN_KEYS = new Map<string, string | undefined>();

const KEPT_NAME = /^[A-Za-z\d-]+$/;

function keyFor(name: string): string | undefined {
  if (!KEPT_NAME.test(name)) return undefined;
  const upper = name.toUpperCase().replaceAll("-", "_");
  if (upper === "CONTENT_TYPE" || upper === "CONTENT_LENGTH") return upper;
  return `HTTP_${upper}`;
}

/**
 * The header an environ key stands for, in lower case: the way back from `headerKey`.
 * `undefined` for a key that is not a header.
 * @example headerName("HTTP_ACCEPT_LANGUAGE"); // "accept-language"
 */
export function headerName(key: string): string | undefined {
  if (key === "CONTENT_TYPE" || key === "CONTENT_LENGTH") {
    return key.toLowerCase().replace("_", "-");
  }
  if (key.startsWith("HTTP_")) return key.slice(5).toLowerCase().replaceAll("_", "-");
  return undefined;
}

/**
 * Adds one request header to the environ; a repeated one follows `joinRepeated`.
 * Throws `BadRequest` for a second line of a header that holds one value.
 * @example addHeader(environ, "Accept", "text/html"); // environ.HTTP_ACCEPT === "text/html"
 */
export function addHeader(environ: Record<string, unknown>, name: string, value: string): void {
  const key = headerKey(name);
  if (key === undefined) return;
  if (key === "HTTP_HOST") checkHost(value);
  const earlier = environ[key];
  environ[key] = earlier === undefined ? value : joinRepeated(key, earlier as string, value);
}

/**
 * A `Host` header names a host and maybe a port, or is empty (RFC 9112,
 * section 3.2, and RFC 9110, section 7.2): apps build links and redirects
 * from it, so a request whose Host is anything else ("a b",
 * "evil.example/admin?") is refused with a 400, as nginx and Apache do.
 */
function checkHost(value: string): void {
  if (value !== "" && !isHostAndPort(value)) {
    throw new BadRequest(`the Host header ${JSON.stringify(value)} is not a host name or address`);
  }
}

/**
 * The headers that hold one value, by environ key: the ones whose repeats
 * Node's own `IncomingMessage.headers` throws away (it keeps the first),
 * and `Host`, which RFC 9112 (section 3.2) says to refuse outright when
 * repeated. A server that kept either line would be guessing, and a proxy
 * in front may have guessed the other way (request smuggling). A web
 * server passes Content-Type and Content-Length over FastCGI twice, as
 * meta-variables and as `HTTP_*` headers: both names are here.
 */
const SINGLE_VALUED = new Set([
  "HTTP_HOST",
  "CONTENT_TYPE",
  "CONTENT_LENGTH",
  "HTTP_CONTENT_TYPE",
  "HTTP_CONTENT_LENGTH",
  "HTTP_AUTHORIZATION",
  "HTTP_PROXY_AUTHORIZATION",
  "HTTP_FROM",
  "HTTP_REFERER",
  "HTTP_USER_AGENT",
  "HTTP_IF_MODIFIED_SINCE",
  "HTTP_IF_UNMODIFIED_SINCE",
  "HTTP_MAX_FORWARDS",
  "HTTP_AGE",
  "HTTP_EXPIRES",
  "HTTP_RETRY_AFTER",
  "HTTP_ETAG",
  "HTTP_LAST_MODIFIED",
  "HTTP_LOCATION",
  "HTTP_SERVER",
]);

/**
 * The value of a header sent twice. A list is joined with ", " (RFC 9110,
 * section 5.3), `Cookie` with "; ", as its pairs are joined (RFC 6265,
 * section 5.4). A header that holds one value throws `BadRequest`.
 * @example joinRepeated("HTTP_ACCEPT", "text/html", "text/plain"); // "text/html, text/plain"
 */
export function joinRepeated(key: string, earlier: string, value: string): string {
  if (SINGLE_VALUED.has(key)) {
    throw new BadRequest(
      `the request has more than one ${headerName(key)} header, which holds a single value`,
    );
  }
  return `${earlier}${key === "HTTP_COOKIE" ? "; " : ", "}${value}`;
}
