/**
 * The Fetch rows' baseline: a Fetch handler on `@hono/node-server` that
 * returns a plain `Response`, the platform's own way to answer.
 *
 * The same two answers as the gateway app behind the Fetch bridge
 * (`fetch-bridge.ts`): hello world at /, the 16 KiB page at /page, each
 * with its Content-Type; `@hono/node-server` adds the Content-Length.
 * Each body is bytes, as the bridge's `Response` carries them: a gateway
 * app answers in bytes (PEP 3333), and `node:http` sends a string body
 * more cheaply than bytes (`fetch-text.ts` shows by how much), which no
 * bridge of a bytes interface can use.
 *
 * @example
 * // node --import tsx bench/servers/fetch-plain.ts
 * // http://127.0.0.1:40126/
 */
import { announceHono } from "./hono.ts";
import { CONTENT_TYPE, HELLO, PAGE, PAGE_TYPE } from "./shared.ts";

await announceHono((request) => {
  if (request.url.endsWith("/page")) {
    return new Response(PAGE, { headers: { "Content-Type": PAGE_TYPE } });
  }
  // Bytes, which a Response takes; TypeScript's BodyInit leaves out shared memory.
  return new Response(HELLO as BodyInit, { headers: { "Content-Type": CONTENT_TYPE } });
});
