/**
 * Exercise 05-upper-case: a middleware that rewrites the body.
 *
 * `upperCase` wraps an app and upper-cases its plain-text answers:
 *
 *   const app = upperCase(hello);
 *   // hello says "Hello, straße!\n"; app says "HELLO, STRASSE!\n"
 *
 * - Only answers whose Content-Type starts with "text/plain" change; any
 *   other answer (HTML, images, ...) goes out exactly as the app made it.
 * - Keep the status and the other headers. Upper-casing can change the
 *   length in bytes (the ligature "ﬁ" is 3 bytes, "FI" is 2), so replace
 *   the Content-Length with the length of the new bytes (or drop it).
 * - Bodies are bytes: decode them to text (UTF-8), upper-case, encode again.
 * - The app may be a generator that calls startResponse in its first step,
 *   and it may use write(): the body it sends either way must be upper-cased.
 *
 * Check it: npm run learn -- check 05-upper-case
 * Read: lessons/05-function-middleware/README.md, "Exercise: upper-case the body".
 */
import { decode, encode } from "../../gateway/bytes.ts";
import { findHeader } from "../../gateway/response-checks.ts";
import type { Chunk, Headers, Middleware } from "../../gateway/types.ts";

export const upperCase: Middleware = (app) =>
  async function upperCased(environ, startResponse) {
    // Hold the status and headers back until the whole body is in: only then
    // is the new Content-Length known. A lazy generator has called
    // startResponse by the time its body is read to the end.
    const held: { status?: string; headers: Headers } = { headers: [] };
    const chunks: Chunk[] = [];
    const body = await app(environ, (status, headers) => {
      held.status = status;
      held.headers = headers;
      return async (chunk) => void chunks.push(chunk);
    });
    for await (const chunk of body) chunks.push(chunk);
    if (held.status === undefined) throw new Error("the app never called startResponse");
    const type = findHeader(held.headers, "Content-Type") ?? "";
    if (!type.toLowerCase().startsWith("text/plain")) {
      startResponse(held.status, held.headers);
      return chunks;
    }
    // decode() joins the chunks first, so a character split between two chunks stays whole.
    const upper = encode(decode(chunks).toUpperCase());
    const others = held.headers.filter(([name]) => name.toLowerCase() !== "content-length");
    startResponse(held.status, [...others, ["Content-Length", String(upper.byteLength)]]);
    return [upper];
  };
