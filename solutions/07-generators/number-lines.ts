/**
 * Exercise 07-number-lines: a generator middleware that transforms a stream chunk by chunk.
 *
 * `numberLines` wraps an app and numbers the lines of its plain-text answers:
 *
 *   "one\ntwo\nthree\n"  becomes  "1: one\n2: two\n3: three\n"
 *
 * - Only answers whose Content-Type starts with "text/plain" change; others
 *   pass through as they are. Numbered answers are longer: drop their
 *   Content-Length.
 * - Stream: yield one chunk for each chunk the app yields, as soon as it
 *   comes (PEP 3333, "Middleware Handling of Block Boundaries"). Never read
 *   the whole body first.
 * - A line may be split between two chunks ("one\ntw" then "o\n"): number it
 *   once, where it starts. So is a character: decode with one TextDecoder,
 *   `decoder.decode(chunk, { stream: true })`, and flush it at the end.
 * - When the server stops early (the client left), the app's body must be
 *   finished too, so its `finally` blocks run.
 *
 * Check it: npm run learn -- check 07-number-lines
 * Read: lessons/07-generators/README.md, "Exercise: number the lines of a stream".
 */
import { encode } from "../../gateway/bytes.ts";
import { findHeader } from "../../gateway/response-checks.ts";
import type { Chunk, Middleware } from "../../gateway/types.ts";

export const numberLines: Middleware = (app) =>
  async function* numbering(environ, startResponse) {
    const decoder = new TextDecoder();
    let isText = false;
    let line = 0;
    let atLineStart = true; // kept across chunks: a line may span two of them

    const number = (text: string): string => {
      let numbered = "";
      for (const char of text) {
        if (atLineStart) numbered += `${++line}: `;
        numbered += char;
        atLineStart = char === "\n";
      }
      return numbered;
    };
    const transform = (chunk: Chunk): Chunk =>
      isText ? encode(number(decoder.decode(chunk, { stream: true }))) : chunk;

    const body = await app(environ, (status, headers, excInfo) => {
      isText = findHeader(headers, "Content-Type")?.startsWith("text/plain") ?? false;
      const kept = headers.filter(([name]) => !isText || name.toLowerCase() !== "content-length");
      return startResponse(status, kept, excInfo);
    });
    // If the server calls our return() while we wait at this yield, the loop
    // exits and `for await` calls the body's return(): the app is finished too.
    for await (const chunk of body) yield transform(chunk);
    const rest = decoder.decode(); // bytes of an incomplete last character, if any
    if (rest !== "") yield encode(number(rest));
  };
