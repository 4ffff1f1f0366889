/**
 * Bytes and text.
 *
 * Bodies in the gateway interface are bytes (PEP 3333, "Unicode Issues"):
 * apps encode their text, and read request bodies as bytes. These helpers
 * do the two conversions every app needs, always as UTF-8.
 *
 * @example
 * startResponse("200 OK", [["Content-Type", "text/plain; charset=utf-8"]]);
 * return [encode("Hello World!\n")];
 */
import type { Body } from "./types.ts";

/**
 * Encodes text as UTF-8 bytes.
 * @example encode("é"); // Uint8Array [195, 169]
 */
export function encode(text: string): Uint8Array {
  // Node's Buffer is a Uint8Array, and Buffer.from is several times faster
  // than TextEncoder: small texts are cut from one shared block of memory
  // instead of each getting its own (bench/README.md). The view gives the
  // app a plain Uint8Array over those bytes.
  const bytes = Buffer.from(text, "utf8");
  return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/**
 * Decodes UTF-8 bytes (one chunk, or many) to text.
 * @example decode(await collect(environ["gateway.input"]));
 */
export function decode(bytes: Uint8Array | Uint8Array[]): string {
  const joined = Array.isArray(bytes) ? concat(bytes) : bytes;
  return new TextDecoder().decode(joined);
}

/**
 * Joins chunks into one byte array.
 * @example concat([encode("a"), encode("b")]); // the bytes of "ab"
 */
export function concat(chunks: Uint8Array[]): Uint8Array {
  const total = chunks.reduce((sum, chunk) => sum + chunk.byteLength, 0);
  const joined = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    joined.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return joined;
}

/**
 * Reads a body (or `gateway.input`) to the end and returns all its bytes.
 * Use it only where the size is bounded: a limit (in bytes) makes it throw
 * a `RangeError` instead of filling memory.
 * @example const bytes = await collect(environ["gateway.input"], { limit: 1_000_000 });
 */
export async function collect(body: Body, options: { limit?: number } = {}): Promise<Uint8Array> {
  const limit = options.limit ?? Number.POSITIVE_INFINITY;
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of body) {
    size += chunk.byteLength;
    if (size > limit) throw new RangeError(`body is larger than the limit of ${limit} bytes`);
    chunks.push(chunk);
  }
  return concat(chunks);
}
