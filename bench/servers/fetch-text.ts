/**
 * Hello world as text: a Fetch handler on `@hono/node-server` returning
 * `new Response("Hello World!\n")`, as most handlers are written.
 *
 * Not a baseline, a measure of one difference: `node:http` joins a string
 * body to the head and writes both as one string, where bytes are written
 * beside the head (`fetch-plain.ts`, the baseline, answers with bytes, as
 * the bridge does). The `fetch-hello` table shows what that costs.
 *
 * @example
 * // node --import tsx bench/servers/fetch-text.ts
 * // http://127.0.0.1:40128/
 */
import { announceHono } from "./hono.ts";
import { BODY, CONTENT_TYPE } from "./shared.ts";

await announceHono(() => new Response(BODY, { headers: { "Content-Type": CONTENT_TYPE } }));
