/**
 * Hello world on Express 5, with Express's defaults.
 *
 * `res.send` adds what an Express app sends unless told otherwise
 * (Content-Length, an ETag, X-Powered-By): that work is part of what is
 * measured. The runner (`bench/main.ts`) starts it as a child process and
 * reads the URL it prints (see `shared.ts`).
 *
 * @example
 * // node --import tsx bench/servers/express.ts
 * // http://127.0.0.1:40125/
 */
import { once } from "node:events";
import type { AddressInfo } from "node:net";
import express from "express";
import { announce, BODY } from "./shared.ts";

const app = express();
app.get("/", (_req, res) => {
  // res.type("text/plain") becomes "text/plain; charset=utf-8", the same as the other two send.
  res.type("text/plain").send(BODY);
});

const server = app.listen(0, "127.0.0.1");
await once(server, "listening");
const { port } = server.address() as AddressInfo;
announce(`http://127.0.0.1:${port}/`);
