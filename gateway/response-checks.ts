/**
 * What a server refuses to put on the wire.
 *
 * The validator (gateway/validator/) checks every rule of PEP 3333 while
 * you develop. A server cannot rely on it being there, so it checks the few
 * rules whose breach would corrupt the connection or open a hole: a CR or LF
 * in a status or header would let an app (or the attacker feeding it) split
 * the response in two; hop-by-hop headers belong to the server's own
 * connection, not to the app (PEP 3333, "Other HTTP Features"); and a
 * Content-Length that is not one whole number would leave the client unsure
 * where the body ends. The status must be final (after a 1xx the client
 * waits for one), and a 204 declares no length. And a body must be chunks
 * of bytes: a string or a lone chunk returned by mistake is refused with a
 * message that says so.
 *
 * @example
 * const { code, reason } = parseStatus("404 Not Found"); // 404, "Not Found"
 * checkHeaders([["Content-Type", "text/plain\r\nSet-Cookie: x=1"]]); // throws
 */
import type { Body, Chunk, Headers } from "./types.ts";

/**
 * Whether `startResponse` was given an `excInfo`. `null` is not given: it is
 * Python's None, and middleware passes excInfo on as it got it.
 * @example excInfoGiven(null); // false
 */
export function excInfoGiven(excInfo: unknown): boolean {
  return excInfo !== undefined && excInfo !== null;
}

/** Three digits, a space, and a reason of latin-1 text without control characters. */
const STATUS = /^[1-9]\d\d [\t\x20-\x7e\x80-\xff]*$/;
/** A header name is an HTTP token (RFC 9110, section 5.1). */
const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
/** A header value is latin-1 text: tabs, but no CR, LF or other controls (RFC 9110, 5.5). */
const FIELD_VALUE = /^[\t\x20-\x7e\x80-\xff]*$/;
const WHOLE_NUMBER = /^\d+$/;

/**
 * Connection-level headers that only the server may send (RFC 9110, section 7.6.1).
 * @example HOP_BY_HOP.has("connection"); // true
 */
export const HOP_BY_HOP = new Set([
  "connection",
  "keep-alive",
  "proxy-authenticate",
  "proxy-authorization",
  "te",
  "trailers",
  "transfer-encoding",
  "upgrade",
]);

/**
 * Parses "200 OK" into its code and reason; throws when the status could break the wire.
 * @example parseStatus("404 Not Found"); // { code: 404, reason: "Not Found" }
 */
export function parseStatus(status: unknown): { code: number; reason: string } {
  if (typeof status !== "string" || !STATUS.test(status)) {
    throw new TypeError(
      `invalid status ${JSON.stringify(status)}: ` +
        'a status is three digits, a space and a reason, like "200 OK", with no CR or LF',
    );
  }
  return { code: Number(status.slice(0, 3)), reason: status.slice(4) };
}

/**
 * Throws when a header could split the response or belongs to the
 * connection. Returns the Content-Length the headers declare, if any: the
 * server counts the body's bytes against it.
 * @example checkHeaders([["Connection", "close"]]); // throws: hop-by-hop
 * @example checkHeaders([["Content-Length", "5"]]); // 5
 */
export function checkHeaders(headers: Headers): number | undefined {
  if (!Array.isArray(headers)) {
    throw new TypeError("headers must be an array of [name, value] pairs");
  }
  let contentLength: number | undefined;
  for (const pair of headers) {
    const name: unknown = Array.isArray(pair) ? pair[0] : undefined;
    const value: unknown = Array.isArray(pair) ? pair[1] : undefined;
    if (typeof name !== "string" || !TOKEN.test(name)) {
      throw new TypeError(`invalid header name ${JSON.stringify(name)}`);
    }
    if (typeof value !== "string" || !FIELD_VALUE.test(value)) {
      throw new TypeError(
        `invalid value ${JSON.stringify(value)} for header ${name}: ` +
          "a header value is a string of latin-1 text, with no CR, LF or other control characters",
      );
    }
    const lowerName = name.toLowerCase();
    if (HOP_BY_HOP.has(lowerName)) {
      throw new TypeError(
        `the app may not send the hop-by-hop header ${name}: the server manages the connection`,
      );
    }
    if (lowerName === "content-length") {
      if (contentLength !== undefined) {
        throw new TypeError("Content-Length was sent twice: send it once");
      }
      contentLength = parseContentLength(value);
    }
  }
  return contentLength;
}

/**
 * Throws for a status an app may not answer with. A 1xx is an interim
 * answer, not a final one (RFC 9110, section 15.2): the client would wait
 * after it for the real one, for ever. (The server sends `100 Continue`
 * itself.) And a 204 has no content, so no length to declare (section 8.6).
 * @example checkFinalStatus(101, undefined); // throws: answer with 200 or more
 */
export function checkFinalStatus(code: number, contentLength: number | undefined): void {
  if (code < 200) {
    throw new RangeError(
      `the app answered ${code}: a 1xx status is not a final answer, and the client would wait for one; answer with a status of 200 or more`,
    );
  }
  if (code === 204 && contentLength !== undefined) {
    throw new TypeError(
      "a 204 No Content answer has no content, so no length: leave out its Content-Length",
    );
  }
}

/**
 * The client trusts the Content-Length to find the end of the body, so it
 * must be one whole number.
 */
function parseContentLength(value: string): number {
  if (!WHOLE_NUMBER.test(value)) {
    throw new TypeError(
      `invalid Content-Length ${JSON.stringify(value)}: it is a whole number of bytes, like "42"`,
    );
  }
  return Number(value);
}

/**
 * The value of a header, matched without regard to case.
 * @example findHeader([["Content-Type", "text/html"]], "content-type"); // "text/html"
 */
export function findHeader(headers: Headers, name: string): string | undefined {
  const wanted = name.toLowerCase();
  return headers.find(([key]) => key.toLowerCase() === wanted)?.[1];
}

/**
 * Statuses that never carry a body (RFC 9110, sections 15.2, 15.3.5 and 15.4.5).
 * @example hasNoBody(304); // true
 */
export function hasNoBody(code: number): boolean {
  return code < 200 || code === 204 || code === 304;
}

/**
 * What an app returns must be an iterable of chunks, and not a chunk itself.
 * @example checkBody("hello"); // throws: return a list of chunks, like [encode(text)]
 */
export function checkBody(body: unknown): asserts body is Body {
  if (typeof body === "string" || body instanceof Uint8Array) {
    throw new TypeError(
      "the app returned a bare string or bytes: return a list of chunks, like [encode(text)]",
    );
  }
  const iterable =
    typeof body === "object" &&
    body !== null &&
    (Symbol.iterator in body || Symbol.asyncIterator in body);
  if (!iterable) {
    throw new TypeError(
      `the app returned ${String(body)}: return a list of chunks, or a generator`,
    );
  }
}

/**
 * A body chunk is bytes: a Uint8Array.
 * @example checkChunk("text"); // throws: encode text with encode()
 */
export function checkChunk(chunk: unknown): asserts chunk is Chunk {
  if (!(chunk instanceof Uint8Array)) {
    throw new TypeError(
      `body chunks must be Uint8Array, not ${typeof chunk}: encode text with encode()`,
    );
  }
}
