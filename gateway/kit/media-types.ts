/**
 * Media types by file extension (the table Python's `mimetypes` module keeps,
 * which `paste.fileapp` and Werkzeug's `SharedDataMiddleware` both consult).
 *
 * A file on disk has no Content-Type of its own: a server guesses it from
 * the name. The table below holds the types a website commonly serves; any
 * other extension is `application/octet-stream` ("some bytes"), which a
 * browser downloads rather than guessing, so a stray file is never run as a
 * page or a script. Text types say `charset=utf-8`: without it a browser
 * guesses the encoding of the bytes, and may guess wrong.
 *
 * @example
 * mediaType("public/site.css"); // "text/css; charset=utf-8"
 * mediaType("logo.PNG");        // "image/png"
 * mediaType("notes.xyz");       // "application/octet-stream"
 */
import path from "node:path";

const TYPES: Record<string, string> = {
  ".html": "text/html",
  ".htm": "text/html",
  ".css": "text/css",
  ".js": "text/javascript",
  ".mjs": "text/javascript",
  ".txt": "text/plain",
  ".md": "text/markdown",
  ".csv": "text/csv",
  ".xml": "text/xml",
  ".json": "application/json",
  ".map": "application/json",
  ".webmanifest": "application/manifest+json",
  ".wasm": "application/wasm",
  ".pdf": "application/pdf",
  ".zip": "application/zip",
  ".gz": "application/gzip",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".jpeg": "image/jpeg",
  ".gif": "image/gif",
  ".webp": "image/webp",
  ".avif": "image/avif",
  ".ico": "image/x-icon",
  ".woff": "font/woff",
  ".woff2": "font/woff2",
  ".ttf": "font/ttf",
  ".mp3": "audio/mpeg",
  ".ogg": "audio/ogg",
  ".wav": "audio/wav",
  ".mp4": "video/mp4",
  ".webm": "video/webm",
};

/** What a browser is told about bytes whose type is not known: download, do not guess. */
const UNKNOWN_TYPE = "application/octet-stream";

/**
 * The Content-Type for a file, from its extension (any case).
 * @example mediaType("index.html"); // "text/html; charset=utf-8"
 */
export function mediaType(file: string): string {
  const type = TYPES[path.extname(file).toLowerCase()] ?? UNKNOWN_TYPE;
  return type.startsWith("text/") ? `${type}; charset=utf-8` : type;
}
