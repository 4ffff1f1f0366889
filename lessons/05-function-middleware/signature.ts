/**
 * A middleware that rewrites the body: it signs every plain-text answer.
 *
 * To change a body, a middleware must hold the status and headers back (the
 * Content-Length will change), read the whole body, and only then start the
 * response itself. Lesson 07 shows how to change a body chunk by chunk instead.
 */
import { concat, encode } from "../../gateway/bytes.ts";
import { findHeader } from "../../gateway/response-checks.ts";
import type { Chunk, Headers, Middleware } from "../../gateway/types.ts";

// #region signature
export function signature(line: string): Middleware {
  const signed = encode(`-- ${line}\n`);
  return (app) =>
    async function signing(environ, startResponse) {
      const held: { status?: string; headers: Headers } = { headers: [] };
      const chunks: Chunk[] = [];
      const body = await app(environ, (status, headers) => {
        held.status = status; // not sent yet: we may change the headers
        held.headers = headers;
        return async (chunk) => void chunks.push(chunk); // write() adds to the body too
      });
      for await (const chunk of body) chunks.push(chunk);
      if (held.status === undefined) throw new Error("the app never called startResponse");
      const type = findHeader(held.headers, "Content-Type") ?? "";
      if (!type.startsWith("text/plain")) {
        startResponse(held.status, held.headers);
        return chunks;
      }
      const bytes = concat([...chunks, signed]);
      const others = held.headers.filter(([name]) => name.toLowerCase() !== "content-length");
      startResponse(held.status, [...others, ["Content-Length", String(bytes.byteLength)]]);
      return [bytes];
    };
}
// #endregion signature
