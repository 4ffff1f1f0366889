/**
 * Hello world on raw `node:http`: the benchmark's baseline.
 *
 * Nothing between Node's parser and the response: the most a Node server
 * can do for this answer, which the gateway server is measured against.
 * The runner (`bench/main.ts`) starts it as a child process and reads the
 * URL it prints (see `shared.ts`).
 *
 * @example
 * // node --import tsx bench/servers/raw.ts
 * // http://127.0.0.1:40123/
 */
import { once } from "node:events";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { announce, BODY, CONTENT_TYPE } from "./shared.ts";

const server = http.createServer((_req, res) => {
  res.writeHead(200, { "Content-Type": CONTENT_TYPE, "Content-Length": Buffer.byteLength(BODY) });
  res.end(BODY);
});
server.listen(0, "127.0.0.1");
await once(server, "listening");
const { port } = server.address() as AddressInfo;
announce(`http://127.0.0.1:${port}/`);
