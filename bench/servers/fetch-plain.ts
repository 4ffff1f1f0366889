/**
 * The Fetch rows' baseline: a Fetch handler on `@hono/node-server` that
 * returns a plain `Response`, the platform's own way to answer.
 *
 * The same two answers as the gateway app behind the Fetch bridge
 * (`fetch-bridge.ts`): hello world at /, the 16 KiB page at /page, each
 * with its Content-Type; `@hono/node-server` adds the Content-Length.
 *
 * @example
 * // node --import tsx bench/servers/fetch-plain.ts
 * // http://127.0.0.1:40126/
 */
import { announceHono } from "./hono.ts";
import { BODY, CONTENT_TYPE, PAGE, PAGE_TYPE } from "./shared.ts";

await announceHono((request) => {
  if (request.url.endsWith("/page")) {
    return new Response(PAGE, { headers: { "Content-Type": PAGE_TYPE } });
  }
  return new Response(BODY, { headers: { "Content-Type": CONTENT_TYPE } });
});
