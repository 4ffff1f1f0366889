import type http from "node:http";
import type { Socket } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { encode } from "../../gateway/bytes.ts";
import { serve } from "../../gateway/http-server.ts";
import { ClientGone } from "../../gateway/response-sink.ts";
import type { App, Write } from "../../gateway/types.ts";
import { bytesInFlight, settle } from "../support/back-pressure.ts";
import { endlessApp } from "../support/endless-app.ts";
import { signal } from "../support/signal.ts";
import { closeServers, fetchRaw, RawClient, splitResponse, startServer } from "./http-helpers.ts";

afterEach(closeServers);

const TEXT: [string, string] = ["Content-Type", "text/plain"];
const CHUNK_SIZE = 64 * 1024;

/** The server's end of the next connection it accepts. */
function nextServerSocket(server: http.Server): Promise<Socket> {
  return new Promise((resolve) => server.once("connection", resolve));
}

describe("when the node:http server sends the headers", () => {
  it("lets a generator call startResponse lazily, and holds the headers until bytes come", async () => {
    const paused = signal();
    const goOn = signal();
    const app: App = async function* (_environ, startResponse) {
      startResponse("200 OK", [TEXT]);
      yield new Uint8Array(0);
      paused.resolve();
      await goOn.promise;
      yield encode("now");
    };
    const server = await startServer(app);
    const serverSide = nextServerSocket(server.server);
    const client = await RawClient.connect(server.port);
    client.socket.write("GET / HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
    await paused.promise; // the server has taken the empty chunk and asked for the next
    expect((await serverSide).bytesWritten).toBe(0);
    expect(client.received).toBe("");
    goOn.resolve();
    await client.closed;
    const { head, body } = splitResponse(client.received);
    expect(head).toMatch(/^HTTP\/1\.1 200 OK\r\n/);
    expect(body).toBe("3\r\nnow\r\n0\r\n\r\n");
  });

  it("sends them at the end for an empty body, with a Content-Length of 0", async () => {
    const app: App = async function* (_environ, startResponse) {
      startResponse("204 No Content", []);
      yield new Uint8Array(0);
    };
    const emptyApp: App = async function* (_environ, startResponse) {
      startResponse("200 OK", [TEXT]);
      yield* []; // a body with no chunks at all
    };
    const noContent = await startServer(app);
    const empty = await startServer(emptyApp);
    const nothing = await fetchRaw(noContent.url);
    expect(nothing.statusCode).toBe(204);
    expect(nothing.headers["content-length"]).toBeUndefined(); // a 204 never has one
    const answer = await fetchRaw(empty.url);
    expect(answer.headers["content-length"]).toBe("0");
    expect(answer.body.byteLength).toBe(0);
  });
});

describe("back-pressure on the node:http server", () => {
  const bound = Math.floor(bytesInFlight() / CHUNK_SIZE) + 2;
  const offered = bound + 64; // a server that ignores back-pressure would take them all

  /** Connects a client that sends a request and never reads a byte of the answer. */
  async function stalledClient(port: number): Promise<RawClient> {
    const client = await RawClient.connect(port);
    client.socket.pause();
    client.socket.write("GET / HTTP/1.1\r\nHost: localhost\r\n\r\n");
    return client;
  }

  it(`pulls a generator at most ${bound} chunks of 64 KiB ahead of a client that stopped reading`, async () => {
    const chunk = new Uint8Array(CHUNK_SIZE); // one chunk, sent again and again: no big allocation
    let pulled = 0;
    const finished = signal();
    const app: App = async function* (_environ, startResponse) {
      try {
        startResponse("200 OK", [["Content-Type", "application/octet-stream"]]);
        for (; pulled < offered; pulled += 1) yield chunk;
      } finally {
        finished.resolve();
      }
    };
    const { port } = await startServer(app);
    const client = await stalledClient(port);
    await settle(() => pulled);
    expect(pulled).toBeGreaterThan(0);
    expect(pulled).toBeLessThanOrEqual(bound);
    client.socket.destroy(); // the client goes away while the server waits for it to drain
    await finished.promise;
    expect(pulled).toBeLessThanOrEqual(bound);
  });

  it(`makes write() wait, so an app that awaits it is at most ${bound} chunks ahead`, async () => {
    const chunk = new Uint8Array(CHUNK_SIZE);
    let written = 0;
    const failed = signal();
    let failure: unknown;
    const app: App = async (_environ, startResponse) => {
      const write: Write = startResponse("200 OK", [["Content-Type", "application/octet-stream"]]);
      try {
        for (; written < offered; written += 1) await write(chunk);
      } catch (error) {
        failure = error;
        failed.resolve();
      }
      return [];
    };
    const { port } = await startServer(app);
    const client = await stalledClient(port);
    await settle(() => written);
    expect(written).toBeGreaterThan(0);
    expect(written).toBeLessThanOrEqual(bound);
    client.socket.destroy(); // the pending write() rejects: nobody is left to take the bytes
    await failed.promise;
    expect(failure).toBeInstanceOf(ClientGone);
  });

  it("asks for the next chunk only once the last one was written, so a chunk can be reused", async () => {
    const app: App = async function* (_environ, startResponse) {
      startResponse("200 OK", [TEXT]);
      const chunk = encode("AAAA"); // one buffer, refilled for each chunk, as a file reader does
      yield chunk;
      chunk.fill("B".charCodeAt(0));
      yield chunk;
      chunk.fill("C".charCodeAt(0));
      yield chunk;
    };
    const { url } = await startServer(app);
    expect((await fetchRaw(url)).body.toString()).toBe("AAAABBBBCCCC");
  });

  it("goes on after each chunk is written, and sends a streamed body of 1 MiB in full", async () => {
    const chunk = new Uint8Array(CHUNK_SIZE).fill(120); // each one fills Node's 16 KiB buffer
    const app: App = async function* (_environ, startResponse) {
      startResponse("200 OK", [TEXT]);
      for (let i = 0; i < 16; i += 1) yield chunk;
    };
    const { url } = await startServer(app);
    const answer = await fetchRaw(url);
    expect(answer.body.byteLength).toBe(16 * CHUNK_SIZE);
  });
});

describe("finishing the body when the client goes away", () => {
  it("runs the generator's finally when the client leaves between two chunks", async () => {
    const goOn = signal();
    const finished = signal();
    let chunksAfterLeaving = 0;
    const app: App = async function* (_environ, startResponse) {
      try {
        startResponse("200 OK", [TEXT]);
        yield encode("first");
        await goOn.promise;
        for (; chunksAfterLeaving < 1000; chunksAfterLeaving += 1) yield encode("more");
      } finally {
        finished.resolve();
      }
    };
    const server = await startServer(app);
    server.server.on("request", (_req, res: http.ServerResponse) => {
      res.on("close", goOn.resolve); // the server saw the client leave: let the app go on
    });
    const client = await RawClient.connect(server.port);
    client.socket.write("GET / HTTP/1.1\r\nHost: localhost\r\n\r\n");
    await client.waitFor("first");
    client.socket.destroy();
    await finished.promise;
    expect(chunksAfterLeaving).toBeLessThanOrEqual(1);
    expect(server.errors.text).toBe(""); // a client leaving is not an app error
  });

  it("runs the generator's finally before close() resolves, when the server stops mid-stream", async () => {
    const { app, ran } = endlessApp();
    const server = await serve(app, { host: "127.0.0.1", port: 0 });
    const client = await RawClient.connect(server.port);
    client.socket.write("GET / HTTP/1.1\r\nHost: localhost\r\n\r\n");
    await client.waitFor("tick");
    await server.close();
    expect(ran()).toBe(true);
  });

  it("runs the generator's finally when it fails mid-stream", async () => {
    const finished = signal();
    const app: App = async function* (_environ, startResponse) {
      try {
        startResponse("200 OK", [TEXT]);
        yield encode("first");
        yield "not bytes" as never;
      } finally {
        finished.resolve();
      }
    };
    const { url, errors } = await startServer(app);
    await expect(fetchRaw(url)).rejects.toThrow();
    await finished.promise;
    expect(errors.text).toContain("body chunks must be Uint8Array");
  });
});
