/**
 * One response from a server, exactly as it came over the wire.
 *
 * The runner prints one for each server before measuring, so anyone can
 * check that the three send comparable answers (same body, a Content-Type,
 * a Content-Length) and that none wins by sending less.
 *
 * @example
 * console.log(await sampleResponse("http://127.0.0.1:40123/"));
 * // HTTP/1.1 200 OK
 * // Content-Type: text/plain; charset=utf-8
 * // ...
 */
import { createHash } from "node:crypto";
import net from "node:net";

const TIMEOUT_MS = 5_000;

/**
 * Sends one keep-alive GET, like the load tool does, and returns the status
 * line and headers as text, and the body as a JSON string, so its "\n" shows
 * (a long body by its start, length and digest).
 */
export function sampleResponse(url: string): Promise<string> {
  const { hostname, port, pathname } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = net.connect(Number(port), hostname);
    socket.setTimeout(TIMEOUT_MS, () => socket.destroy(new Error(`no whole response from ${url}`)));
    socket.on("error", reject);
    socket.write(`GET ${pathname} HTTP/1.1\r\nHost: ${hostname}:${port}\r\n\r\n`);
    let received = Buffer.alloc(0);
    socket.on("data", (data: Buffer) => {
      received = Buffer.concat([received, data]);
      const text = wholeResponse(received);
      if (text === undefined) return;
      socket.destroy();
      resolve(text);
    });
  });
}

/** The response as text once its head and its Content-Length of body bytes have arrived. */
function wholeResponse(received: Buffer): string | undefined {
  const headEnd = received.indexOf("\r\n\r\n");
  if (headEnd === -1) return undefined;
  const head = received.subarray(0, headEnd).toString("latin1");
  const length = /^content-length:\s*(\d+)/im.exec(head);
  if (!length) return `${head}\n(no Content-Length: the comparison is unfair)`;
  const body = received.subarray(headEnd + 4);
  if (body.byteLength < Number(length[1])) return undefined;
  return `${head.replaceAll("\r\n", "\n")}\n\n${shownBody(body)}`;
}

/** Bodies longer than this are shown by their start, length and digest: a page would fill the screen. */
const SHOWN_BYTES = 80;

/**
 * The body as a JSON string; a long one cut after its first bytes, with
 * its length and the start of its SHA-256, which are the same for two
 * servers only if their bodies are.
 * @example shownBody(page) // "\"<!doctype html>\\n...\" … (16384 bytes, sha256 3f2a9c1b0d4e)"
 */
function shownBody(body: Buffer): string {
  if (body.byteLength <= SHOWN_BYTES) return JSON.stringify(body.toString("utf8"));
  const start = JSON.stringify(body.subarray(0, SHOWN_BYTES).toString("utf8"));
  const digest = createHash("sha256").update(body).digest("hex").slice(0, 12);
  return `${start} … (${body.byteLength} bytes, sha256 ${digest})`;
}
