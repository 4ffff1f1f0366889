/**
 * Hello world as a gateway app, on the gateway's `node:http` server.
 *
 * The app is the one lesson 3 teaches: a status, a Content-Type, one
 * encoded chunk. The server adds the Content-Length (a one-chunk list has a
 * known length). The runner (`bench/main.ts`) starts it as a child process
 * and reads the URL it prints (see `shared.ts`).
 *
 * @example
 * // node --import tsx bench/servers/gateway.ts
 * // http://127.0.0.1:40124/
 */
import { serve } from "../../gateway/http-server.ts";
import { announce, helloApp } from "./shared.ts";

const server = await serve(helloApp, { host: "127.0.0.1", port: 0 });
announce(server.url);
