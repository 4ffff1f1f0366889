/**
 * Reading one HTTP/1.1 request out of the bytes a socket gave us.
 *
 * A request is a request line, header lines, an empty line, then a body
 * of exactly `Content-Length` bytes (RFC 9112, sections 2 and 6). Bytes
 * arrive in pieces of any size, so this says "not yet" until the whole
 * request is there, and hands back what is left over: the start of the
 * next request on a kept-alive connection.
 *
 * @example
 * const found = readRequest(Buffer.from("GET / HTTP/1.1\r\nHost: x\r\n\r\n"));
 * // { request: { method: "GET", target: "/", ... }, rest: <empty> }
 */

/** A request, taken apart. Header names are lower-cased: they are case-insensitive. */
export interface RawRequest {
  method: string;
  target: string;
  version: string;
  headers: Map<string, string>;
  body: Buffer;
}

/** What `readRequest` found: a request, more bytes needed, or bytes that are not HTTP. */
export type ReadResult =
  | { request: RawRequest; rest: Buffer }
  | { incomplete: true }
  | { error: string };

// #region read-request
/** Reads the first request in `buffer`, if all of it has arrived. */
export function readRequest(buffer: Buffer): ReadResult {
  const headEnd = buffer.indexOf("\r\n\r\n"); // the empty line ends the head
  if (headEnd === -1) return { incomplete: true };
  const [requestLine = "", ...fieldLines] = buffer.toString("latin1", 0, headEnd).split("\r\n");
  const [method, target, version, ...extra] = requestLine.split(" ");
  if (!method || !target || !version?.startsWith("HTTP/") || extra.length > 0) {
    return { error: `not a request line: ${JSON.stringify(requestLine)}` };
  }
  const headers = new Map<string, string>();
  for (const line of fieldLines) {
    const colon = line.indexOf(":");
    headers.set(line.slice(0, colon).toLowerCase(), line.slice(colon + 1).trim());
  }
  if (headers.has("transfer-encoding"))
    return { error: "this tiny server reads no chunked bodies" };
  const length = Number(headers.get("content-length") ?? "0");
  if (!Number.isInteger(length) || length < 0) return { error: "a bad Content-Length" };
  const bodyStart = headEnd + 4;
  if (buffer.length < bodyStart + length) return { incomplete: true };
  const body = buffer.subarray(bodyStart, bodyStart + length);
  const request = { method, target, version, headers, body };
  return { request, rest: buffer.subarray(bodyStart + length) };
}
// #endregion read-request
