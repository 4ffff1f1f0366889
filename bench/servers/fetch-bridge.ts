/**
 * The gateway's hello world app behind the Fetch bridge (`fetchHandler`),
 * served by `@hono/node-server`: measured against `fetch-plain.ts`, the
 * same answers as plain `Response`s on the same server.
 *
 * @example
 * // node --import tsx bench/servers/fetch-bridge.ts
 * // http://127.0.0.1:40127/
 */
import { fetchHandler } from "../../gateway/bridges/fetch-handler.ts";
import { announceHono } from "./hono.ts";
import { helloApp } from "./shared.ts";

await announceHono(fetchHandler(helloApp));
