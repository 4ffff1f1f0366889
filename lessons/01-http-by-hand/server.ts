/**
 * An HTTP server written with nothing but a TCP socket (`node:net`).
 *
 * Every byte that arrives is printed, with CR and LF made visible, so you
 * can see exactly what `curl` or a browser sends. Each complete request
 * gets a response written by hand. The connection stays open for the next
 * request (HTTP/1.1 keep-alive) unless the client says `Connection: close`.
 *
 * @example
 * rawServer().listen(8001, "127.0.0.1");
 */
import net from "node:net";
import { readRequest } from "./read-request.ts";
import { badRequestResponse, chunkedResponse, helloResponse } from "./responses.ts";
import { showBytes } from "./show-bytes.ts";

// #region server
/** A server that answers HTTP by hand, printing every byte it gets to `log`. */
export function rawServer(log: (text: string) => void = console.log): net.Server {
  return net.createServer((socket) => {
    const peer = `${socket.remoteAddress}:${socket.remotePort}`;
    let buffer: Buffer = Buffer.alloc(0);
    socket.on("data", (bytes) => {
      log(`--- ${bytes.byteLength} bytes from ${peer}:\n${showBytes(bytes)}`);
      buffer = Buffer.concat([buffer, bytes]);
      for (let found = readRequest(buffer); !("incomplete" in found); found = readRequest(buffer)) {
        if ("error" in found) return void socket.end(badRequestResponse(found.error));
        buffer = found.rest;
        const { request } = found;
        socket.write(request.target === "/chunked" ? chunkedResponse() : helloResponse(request));
        if (request.headers.get("connection")?.toLowerCase() === "close") return void socket.end();
      }
    });
    socket.on("close", () => log(`--- ${peer} closed the connection`));
    socket.on("error", () => {}); // the client vanished: "close" follows, nobody to answer
  });
}
// #endregion server
