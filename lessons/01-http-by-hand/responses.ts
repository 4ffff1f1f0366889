/**
 * Writing HTTP/1.1 responses by hand: a status line, header lines, an
 * empty line, the body. Every line ends in CR LF ("\r\n").
 *
 * Two ways to say where the body ends (RFC 9112, section 6): count its
 * bytes up front in `Content-Length`, or send it in chunks, each one
 * prefixed with its size in hexadecimal, ending with a chunk of size 0.
 *
 * @example
 * socket.write(helloResponse(request)); // "HTTP/1.1 200 OK\r\n..."
 */
import type { RawRequest } from "./read-request.ts";

// #region hello
/** Hello World!, with the length of the body counted in bytes. */
export function helloResponse(request: RawRequest): Buffer {
  const text =
    `Hello World!\nYou sent ${request.method} ${request.target}` +
    ` with a body of ${request.body.byteLength} bytes.\n`;
  const body = Buffer.from(text, "utf8");
  const head =
    "HTTP/1.1 200 OK\r\n" +
    "Content-Type: text/plain; charset=utf-8\r\n" +
    `Content-Length: ${body.byteLength}\r\n` + // bytes, not characters
    "\r\n";
  return Buffer.concat([Buffer.from(head, "latin1"), body]);
}
// #endregion hello

// #region chunked
/** The same greeting in chunks: each is its size in hex, CR LF, the bytes, CR LF. */
export function chunkedResponse(): Buffer {
  const chunks = ["Hello", " World!\n"];
  const framed = chunks.map((text) => `${Buffer.byteLength(text).toString(16)}\r\n${text}\r\n`);
  const head =
    "HTTP/1.1 200 OK\r\n" +
    "Content-Type: text/plain; charset=utf-8\r\n" +
    "Transfer-Encoding: chunked\r\n" +
    "\r\n";
  return Buffer.from(`${head}${framed.join("")}0\r\n\r\n`, "utf8");
}
// #endregion chunked

/** What the server sends for bytes it cannot read as a request, before it hangs up. */
export function badRequestResponse(reason: string): Buffer {
  const body = Buffer.from(`Bad Request: ${reason}\n`, "utf8");
  const head =
    "HTTP/1.1 400 Bad Request\r\n" +
    "Content-Type: text/plain; charset=utf-8\r\n" +
    `Content-Length: ${body.byteLength}\r\n` +
    "Connection: close\r\n" +
    "\r\n";
  return Buffer.concat([Buffer.from(head, "latin1"), body]);
}
