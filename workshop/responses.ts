/**
 * The few kinds of answer the workshop home gives besides pages: bytes of
 * a given type, and a redirect.
 *
 * @example
 * return sendBytes(startResponse, "text/css; charset=utf-8", await readFile(cssPath));
 */
import { encode } from "../gateway/bytes.ts";
import type { Chunk, StartResponse } from "../gateway/types.ts";

/**
 * Answers 200 with `bytes` as the whole body.
 * @example sendBytes(startResponse, "image/png", pngBytes);
 */
export function sendBytes(startResponse: StartResponse, type: string, bytes: Uint8Array): Chunk[] {
  startResponse("200 OK", [
    ["Content-Type", type],
    ["Content-Length", String(bytes.byteLength)],
  ]);
  return [bytes];
}

/**
 * Answers 301, pointing the browser at `location` (a path built from `SCRIPT_NAME`).
 * A folder's URL must end in "/" for the relative links inside it to resolve.
 * A place that changes (a demo's port) takes `"302 Found"`, never cached.
 * @example redirect(startResponse, `${root}/lessons/03-gateway-app/`);
 */
export function redirect(
  startResponse: StartResponse,
  location: string,
  status: "301 Moved Permanently" | "302 Found" = "301 Moved Permanently",
): Chunk[] {
  const body = encode(`Moved to ${location}\n`);
  startResponse(status, [
    ["Location", location],
    ["Content-Type", "text/plain; charset=utf-8"],
    ["Content-Length", String(body.byteLength)],
    ...(status === "302 Found" ? [["Cache-Control", "no-store"] as [string, string]] : []),
  ]);
  return [body];
}
