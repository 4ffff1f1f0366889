/**
 * A generator middleware: upper-cases plain-text answers as they stream.
 *
 * Lesson 05's middleware read the whole body before sending a byte. This one
 * transforms each chunk as it passes, yielding one chunk for each chunk of
 * the app, so a streamed answer stays streamed. A `TextDecoder` in stream
 * mode keeps the bytes of a character split between two chunks until the
 * rest arrives.
 */
import { encode } from "../../gateway/bytes.ts";
import { findHeader } from "../../gateway/response-checks.ts";
import type { Chunk, Middleware } from "../../gateway/types.ts";

// #region shout
export const shout: Middleware = (app) =>
  async function* shouting(environ, startResponse) {
    const decoder = new TextDecoder();
    let isText = false; // known once the app has called startResponse
    const upper = (chunk: Chunk) =>
      isText ? encode(decoder.decode(chunk, { stream: true }).toUpperCase()) : chunk;
    const body = await app(environ, (status, headers, excInfo) => {
      isText = findHeader(headers, "Content-Type")?.startsWith("text/plain") ?? false;
      const kept = headers.filter(([name]) => !isText || name.toLowerCase() !== "content-length");
      const write = startResponse(status, kept, excInfo);
      return (chunk) => write(upper(chunk)); // what the app writes is upper-cased too
    });
    for await (const chunk of body) yield upper(chunk); // one chunk out for each chunk in
    const rest = decoder.decode(); // bytes still held at the end (an incomplete character)
    if (rest !== "") yield encode(rest.toUpperCase());
  };
// #endregion shout
