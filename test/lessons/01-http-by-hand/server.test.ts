/**
 * Lesson 01's hand-written server answers real bytes on a real socket:
 * what the lesson shows with curl and the raw client must stay true.
 */
import { once } from "node:events";
import net from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { readRequest } from "../../../lessons/01-http-by-hand/read-request.ts";
import { rawServer } from "../../../lessons/01-http-by-hand/server.ts";
import { showBytes } from "../../../lessons/01-http-by-hand/show-bytes.ts";

let server: net.Server | undefined;

afterEach(async () => {
  const closing = server;
  server = undefined;
  if (closing) await new Promise((resolve) => closing.close(resolve));
});

/** Starts the server on a free port; `log` collects what it prints. */
async function start(log: string[]): Promise<number> {
  server = rawServer((text) => log.push(text));
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  return (server.address() as net.AddressInfo).port;
}

/** Sends `bytes` and reads until the server hangs up. */
async function exchange(port: number, bytes: string): Promise<string> {
  const socket = net.connect(port, "127.0.0.1");
  socket.end(bytes);
  const chunks: Buffer[] = [];
  for await (const chunk of socket) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

describe("the hand-written HTTP server", () => {
  it("answers two requests on one connection, then closes on Connection: close", async () => {
    const port = await start([]);
    const answer = await exchange(
      port,
      "GET /one HTTP/1.1\r\nHost: x\r\n\r\n" +
        "POST /two HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\nConnection: close\r\n\r\nabc",
    );
    expect(answer).toBe(
      "HTTP/1.1 200 OK\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: 55\r\n\r\n" +
        "Hello World!\nYou sent GET /one with a body of 0 bytes.\n" +
        "HTTP/1.1 200 OK\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: 56\r\n\r\n" +
        "Hello World!\nYou sent POST /two with a body of 3 bytes.\n",
    );
  });

  it("sends /chunked in chunks that end with a chunk of size 0", async () => {
    const port = await start([]);
    const answer = await exchange(port, "GET /chunked HTTP/1.1\r\nConnection: close\r\n\r\n");
    expect(answer).toContain(
      "Transfer-Encoding: chunked\r\n\r\n5\r\nHello\r\n8\r\n World!\n\r\n0\r\n\r\n",
    );
  });

  it("prints the bytes it got with CR and LF made visible", async () => {
    const log: string[] = [];
    const port = await start(log);
    await exchange(port, "GET / HTTP/1.1\r\nConnection: close\r\n\r\n");
    expect(log.join("")).toContain("GET / HTTP/1.1\\r\\n\nConnection: close\\r\\n\n\\r\\n\n");
  });

  it("answers 400 and hangs up on bytes that are not a request", async () => {
    const port = await start([]);
    const answer = await exchange(port, "hello there\r\n\r\n");
    expect(answer).toMatch(/^HTTP\/1\.1 400 Bad Request\r\n[\s\S]*Connection: close\r\n/);
  });
});

describe("readRequest", () => {
  it("waits for the whole body before it returns a request", () => {
    const head = "POST / HTTP/1.1\r\nContent-Length: 5\r\n\r\n";
    expect(readRequest(Buffer.from(`${head}ab`))).toEqual({ incomplete: true });
    const found = readRequest(Buffer.from(`${head}abcdeGET`));
    expect("request" in found && found.request.body.toString()).toBe("abcde");
    expect("rest" in found && found.rest.toString()).toBe("GET");
  });
});

describe("showBytes", () => {
  it("shows CR and LF as \\r and \\n", () => {
    expect(showBytes(Buffer.from("a\r\nb"))).toBe("a\\r\\n\nb");
  });
});
