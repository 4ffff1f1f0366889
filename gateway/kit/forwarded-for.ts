/**
 * The client's address behind a reverse proxy you run, as Express's
 * `trust proxy` finds it. (Werkzeug's `ProxyFix` counts the proxies
 * instead, `x_for=1`; naming them means a request that did not come
 * through one of them is never believed.)
 *
 * Behind nginx's `proxy_pass`, every request comes from nginx: `REMOTE_ADDR`
 * is the proxy's address, the same for every visitor. The proxy reports the
 * address it got the request from in `X-Forwarded-For`, after whatever list
 * the request already carried:
 *
 *   X-Forwarded-For: 203.0.113.7, 198.51.100.2
 *
 * Only the entries your own proxies added can be believed: anything to
 * their left came from the client, who can write what it likes. So the
 * list is read from the right: past each proxy you trust, the first address
 * that is not one of them is the client's, and it becomes `REMOTE_ADDR`. A
 * request that did not come from a trusted proxy keeps its `REMOTE_ADDR`,
 * whatever headers it sent; so does one whose list names no client (no
 * header, or an entry that is not an address, met before the client's). A
 * list of trusted addresses only is taken as a request one of them made
 * itself: the left-most is its address.
 *
 * Every address in a network you name is believed as a proxy would be: a
 * client inside it can write any address it likes. So name your proxies'
 * own addresses where you can, and never the whole internet (`0.0.0.0/0`
 * and `::/0` are refused).
 *
 * Wrap the whole app, outermost, so every layer (rate limits, the request
 * log) sees the client's address.
 *
 * @example
 * // nginx on this machine proxies to the app
 * const app = forwardedFor(["127.0.0.1", "::1"])(signinApp);
 * // REMOTE_ADDR 127.0.0.1, X-Forwarded-For "6.6.6.6, 203.0.113.7": the app sees REMOTE_ADDR "203.0.113.7"
 */
import { BlockList, isIP } from "node:net";
import type { Middleware } from "../types.ts";

/**
 * Makes the middleware for the proxies in `trusted`: addresses ("127.0.0.1",
 * "::1") or networks ("10.0.0.0/8"). A malformed entry is refused here, once.
 * @example const behindNginx = forwardedFor(["127.0.0.1"])(app);
 */
export function forwardedFor(trusted: readonly string[]): Middleware {
  const proxies = trustedProxies(trusted);
  const isProxy = (address: string) => proxies.check(address, family(address));
  return (app) =>
    function withClientAddress(environ, startResponse) {
      const peer = environ.REMOTE_ADDR;
      if (peer === undefined || isIP(peer) === 0 || !isProxy(peer)) {
        return app(environ, startResponse);
      }
      const client = clientAddress(environ.HTTP_X_FORWARDED_FOR ?? "", isProxy);
      if (client === undefined) return app(environ, startResponse);
      return app({ ...environ, REMOTE_ADDR: client }, startResponse);
    };
}

/**
 * The client's address in an `X-Forwarded-For` list: the right-most entry that is not a trusted
 * proxy; the left-most when all are; undefined when there is none, or that entry is no address.
 * @example clientAddress("6.6.6.6, 203.0.113.7, 10.0.0.2", isProxy); // "203.0.113.7"
 */
function clientAddress(list: string, isProxy: (address: string) => boolean): string | undefined {
  const entries = list
    .split(",")
    .map((entry) => entry.trim())
    .filter((entry) => entry !== "");
  for (let at = entries.length - 1; at >= 0; at--) {
    const entry = entries[at] as string;
    if (isIP(entry) === 0) return undefined;
    if (at === 0 || !isProxy(entry)) return entry;
  }
  return undefined;
}

/**
 * True for what `forwardedFor` takes: an address ("::1") or a network ("10.0.0.0/8"), not
 * one that holds every address ("::/0").
 * @example isProxyEntry("10.0.0.0/8"); // true; isProxyEntry("localhost"); // false
 */
export function isProxyEntry(entry: string): boolean {
  return parseEntry(entry) !== undefined;
}

/** The proxies as a `BlockList`, which matches whole networks and IPv4 written as IPv6. */
function trustedProxies(trusted: readonly string[]): BlockList {
  const proxies = new BlockList();
  for (const entry of trusted) {
    const parsed = parseEntry(entry);
    if (parsed === undefined) {
      throw new TypeError(
        `forwardedFor: ${JSON.stringify(entry)} is not an address or a network of proxies: ` +
          `write one like "127.0.0.1", "::1" or "10.0.0.0/8"`,
      );
    }
    const { address, bits } = parsed;
    if (bits === undefined) proxies.addAddress(address, family(address));
    else proxies.addSubnet(address, bits, family(address));
  }
  return proxies;
}

/** An entry's address and, for a network, its prefix length; undefined when it is neither. */
function parseEntry(entry: string): { address: string; bits?: number } | undefined {
  const [address = "", prefix, ...rest] = entry.trim().split("/");
  if (isIP(address) === 0 || rest.length > 0) return undefined;
  if (prefix === undefined) return { address };
  const bits = /^\d{1,3}$/.test(prefix) ? Number(prefix) : 0;
  const width = family(address) === "ipv6" ? 128 : 32;
  // A prefix of 0 would trust every address: any client could name itself.
  return bits >= 1 && bits <= width ? { address, bits } : undefined;
}

function family(address: string): "ipv4" | "ipv6" {
  return isIP(address) === 6 ? "ipv6" : "ipv4";
}
