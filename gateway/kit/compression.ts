/**
 * Compression: answers gzipped or brotli-compressed for clients that can
 * decode them (Paste's `paste.gzipper`; what Werkzeug leaves to the server).
 *
 * HTML, CSS, JavaScript and JSON shrink to a fifth or less. The middleware
 * picks a coding from the request's `Accept-Encoding` (`accept-encoding.ts`:
 * `q` weights decide, and br wins a tie with gzip, being smaller for text),
 * compresses the body chunk by chunk as the app yields it, flushing after
 * each chunk so streaming apps still stream (`compression-stream.ts`), and
 * fixes the headers: `Content-Encoding` added, `Content-Length` dropped (the
 * compressed length is only known at the end), a strong `ETag` made weak
 * (the bytes differ from the uncompressed ones), and `Accept-Ranges` dropped
 * (a range would count bytes of the uncompressed file, which a client
 * resuming a compressed download must not splice in). An answer the app
 * gave as an array is compressed in one go, so the server can still count it.
 *
 * Left as they are:
 * - HEAD requests (there is no body to compress), 1xx, 204, 304 and 206
 *   answers (a range counts bytes of the uncompressed file);
 * - answers already encoded (`Content-Encoding` set), or marked
 *   `Cache-Control: no-transform`;
 * - types that are compressed already (images but SVG, audio, video, zip,
 *   gzip, woff, PDF...), unknown bytes, and answers without a Content-Type;
 * - small answers: a body whose Content-Length is under `threshold` gains
 *   little, and may grow. Without a Content-Length the size is unknown
 *   until the end, so the body is compressed.
 *
 * Any answer that could be compressed for some client gets `Vary:
 * Accept-Encoding`, compressed or not, so that a cache between the server
 * and the clients keeps one copy per coding and never hands gzip to a
 * client that cannot decode it.
 *
 * @example
 * const app = compression({ threshold: 1024 })(site);
 */
import { findHeader } from "../response-checks.ts";
import type { Body, Chunk, Headers, Middleware, StartResponse } from "../types.ts";
import { type Coding, chooseCoding } from "./accept-encoding.ts";
import { Compressor } from "./compression-stream.ts";

/**
 * What is compressed, and how.
 * @example compression({ encodings: ["gzip"], threshold: 512 })
 */
export interface CompressionOptions {
  /** The codings offered, preferred first (default ["br", "gzip"]). */
  encodings?: Coding[];
  /** Answers whose Content-Length is below this many bytes are left alone (default 1024). */
  threshold?: number;
}

/** Types whose bytes are compressed already, or are most likely binary: compressing them again wastes time. */
const COMPRESSED_TYPES = new Set([
  "application/zip",
  "application/gzip",
  "application/x-gzip",
  "application/x-bzip2",
  "application/x-xz",
  "application/x-7z-compressed",
  "application/zstd",
  "application/pdf",
  "application/octet-stream",
  "font/woff",
  "font/woff2",
]);

/**
 * Makes the middleware. The options are checked here, once.
 * @example compression({ encodings: ["gzip"] }) // gzip only
 */
export function compression(options: CompressionOptions = {}): Middleware {
  const encodings = checkEncodings(options.encodings ?? ["br", "gzip"]);
  const threshold = checkThreshold(options.threshold ?? 1024);
  return (app) =>
    async function compressing(environ, startResponse) {
      const coding =
        environ.REQUEST_METHOD === "HEAD"
          ? undefined
          : chooseCoding(environ.HTTP_ACCEPT_ENCODING, encodings);
      const response = new CompressedResponse(coding, threshold);
      const body = await app(environ, response.wrap(startResponse));
      const { started, compressor } = response;
      if (started && compressor === undefined) return body; // sent as it is
      // An array is whole: compressed in one go, the server can count it.
      if (compressor !== undefined && Array.isArray(body)) return [await compressor.finish(body)];
      // A generator that has not called startResponse yet decides in its first step.
      return compressedLater(body, response);
    };
}

/** One response: decides, when the app starts it, whether to compress, and keeps the compressor. */
class CompressedResponse {
  started = false;
  compressor: Compressor | undefined;

  constructor(
    readonly coding: Coding | undefined,
    readonly threshold: number,
  ) {}

  /**
   * The app's startResponse. An error page (a second call, with excInfo)
   * replaces the first answer, so it decides again.
   */
  wrap(startResponse: StartResponse): StartResponse {
    return (status, headers, excInfo) => {
      this.started = true;
      this.compressor?.close();
      this.compressor = undefined;
      if (!this.#eligible(Number(status.slice(0, 3)), headers)) {
        return startResponse(status, headers, excInfo);
      }
      if (this.coding === undefined) return startResponse(status, withVary(headers), excInfo);
      const compressor = new Compressor(this.coding);
      this.compressor = compressor;
      const write = startResponse(status, compressedHeaders(headers, this.coding), excInfo);
      return async (chunk) => write(await compressor.compress(chunk));
    };
  }

  /** True when some client could get this answer compressed. */
  #eligible(code: number, headers: Headers): boolean {
    if (code < 200 || code === 204 || code === 206 || code === 304) return false;
    if (findHeader(headers, "Content-Encoding") !== undefined) return false;
    if (/\bno-transform\b/i.test(findHeader(headers, "Cache-Control") ?? "")) return false;
    const type = findHeader(headers, "Content-Type");
    if (type === undefined || isCompressedType(type)) return false;
    const length = findHeader(headers, "Content-Length");
    return length === undefined || Number(length) >= this.threshold;
  }
}

/**
 * The body, compressed chunk for chunk if the response decided so (a lazy
 * generator decides in its first step). The compressor is closed in
 * `finally`, also when the server abandons the body.
 */
async function* compressedLater(body: Body, response: CompressedResponse): AsyncGenerator<Chunk> {
  try {
    for await (const chunk of body) {
      yield response.compressor === undefined ? chunk : await response.compressor.compress(chunk);
    }
    if (response.compressor !== undefined) yield await response.compressor.finish();
  } finally {
    response.compressor?.close();
  }
}

function isCompressedType(contentType: string): boolean {
  const type = (contentType.split(";")[0] ?? "").trim().toLowerCase();
  if (type === "image/svg+xml") return false; // SVG is XML text
  const major = type.split("/")[0];
  return major === "image" || major === "audio" || major === "video" || COMPRESSED_TYPES.has(type);
}

/** Headers that describe the uncompressed bytes, and are wrong for the compressed ones. */
const UNCOMPRESSED_ONLY = new Set(["content-length", "accept-ranges"]);

/** The headers of a compressed answer. */
function compressedHeaders(headers: Headers, coding: Coding): Headers {
  const kept = headers
    .filter(([name]) => !UNCOMPRESSED_ONLY.has(name.toLowerCase()))
    .map(([name, value]): [string, string] =>
      name.toLowerCase() === "etag" && !value.startsWith("W/")
        ? [name, `W/${value}`]
        : [name, value],
    );
  return [...withVary(kept), ["Content-Encoding", coding]];
}

/** Adds Accept-Encoding to `Vary`, unless it is there, or `Vary: *` says everything varies. */
function withVary(headers: Headers): Headers {
  const vary = findHeader(headers, "Vary");
  if (vary === undefined) return [...headers, ["Vary", "Accept-Encoding"]];
  const listed = vary.split(",").map((name) => name.trim().toLowerCase());
  if (listed.includes("*") || listed.includes("accept-encoding")) return headers;
  return headers.map(([name, value]) =>
    name.toLowerCase() === "vary" ? [name, `${value}, Accept-Encoding`] : [name, value],
  );
}

function checkEncodings(encodings: Coding[]): Coding[] {
  const known = (coding: unknown) => coding === "br" || coding === "gzip";
  if (!Array.isArray(encodings) || encodings.length === 0 || !encodings.every(known)) {
    throw new TypeError(
      `compression: encodings is a list of "br" and "gzip", preferred first, like ["br", "gzip"]; not ${JSON.stringify(encodings)}`,
    );
  }
  return encodings;
}

function checkThreshold(threshold: number): number {
  if (!Number.isSafeInteger(threshold) || threshold < 0) {
    throw new TypeError(
      `compression: threshold is a whole number of bytes, like 1024, not ${threshold}`,
    );
  }
  return threshold;
}
