import http from "node:http";
import net from "node:net";
import { describe, expect, it } from "vitest";
import { encode } from "../../gateway/bytes.ts";
import { RecordType } from "../../gateway/fastcgi/records.ts";
import { serveFastCGI } from "../../gateway/fastcgi/server.ts";
import { serve } from "../../gateway/http-server.ts";
import type { App } from "../../gateway/types.ts";
import { endlessApp } from "../support/endless-app.ts";
import { FastCGIClient, params } from "../support/fastcgi-client.ts";
import { signal } from "../support/signal.ts";
import { fetchRaw, RawClient, RecordedErrors } from "./http-helpers.ts";

// Long enough never to run out in these tests: a close() that waited for it would time the test out.
const A_MINUTE = 60_000;

/** An app whose answers wait until the test says so; `started` resolves once it is called. */
function heldApp() {
  const started = signal();
  const goOn = signal();
  const app: App = async function* (_environ, startResponse) {
    started.resolve();
    await goOn.promise;
    startResponse("200 OK", [["Content-Type", "text/plain"]]);
    yield encode("done");
  };
  return { app, started, goOn };
}

/**
 * Starts a server whose closing the test checks by connecting again, on a port below the
 * ephemeral ones (32768 and up on Linux, 49152 and up on macOS and Windows), so that neither
 * another test's `port: 0` server nor TCP's self-connect (a client handed the very port it
 * dials) can answer in its place. It tries ports until one is free, starting the server itself
 * each time: a probe that listened and closed could still hold its port when the server starts,
 * in a child another thread is spawning (see `attemptAfterClose`).
 */
async function belowEphemeral<T>(start: (port: number) => Promise<T>): Promise<T> {
  for (;;) {
    try {
      return await start(20_000 + Math.floor(Math.random() * 12_000));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EADDRINUSE") throw error;
    }
  }
}

/**
 * How a connection attempt to a server that has stopped listening ends, and whether the server
 * saw it: as a rule the attempt is refused. While another thread of this process starts a child
 * process (Vitest runs test files in threads, and many start children), the child holds a copy
 * of every open socket between its fork and its exec, listening ones included: for that moment
 * the kernel may still complete a handshake, and resets that connection when the copy closes.
 * Either way the server itself takes no connection.
 */
async function attemptAfterClose(server: net.Server, port: number) {
  let served = false;
  server.once("connection", () => {
    served = true;
  });
  const socket = net.connect(port, "127.0.0.1");
  let ending = "closed without an error";
  socket.on("error", (error: NodeJS.ErrnoException) => {
    ending = error.code ?? error.message;
  });
  socket.resume();
  await new Promise((resolve) => socket.once("close", resolve));
  return {
    refusedOrReset: ["ECONNREFUSED", "ECONNRESET"].includes(ending) ? true : ending,
    served,
  };
}

const NOT_TAKEN = { refusedOrReset: true, served: false };

describe("closing the node:http server with a graceful timeout", () => {
  it("stops taking connections at once, and lets a request under way finish", async () => {
    const { app, started, goOn } = heldApp();
    const server = await belowEphemeral((port) =>
      serve(app, { port, errors: new RecordedErrors() }),
    );
    const answer = fetchRaw(server.url);
    await started.promise;
    const closed = server.close(A_MINUTE);
    expect(await attemptAfterClose(server.server, server.port)).toEqual(NOT_TAKEN);
    goOn.resolve();
    expect((await answer).body.toString()).toBe("done");
    await closed;
  });

  it("leaves an idle keep-alive connection to its client, and answers its next request with Connection: close", async () => {
    const app: App = (_environ, startResponse) => {
      startResponse("200 OK", [["Content-Type", "text/plain"]]);
      return [encode("hello")];
    };
    const server = await serve(app, { port: 0, errors: new RecordedErrors() });
    let connections = 0;
    server.server.on("connection", () => {
      connections += 1;
    });
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    expect((await fetchRaw(server.url, { agent })).headers.connection).toBe("keep-alive");
    // The client may be sending its next request at this very moment: closing would lose it.
    const closed = server.close(A_MINUTE);
    const next = await fetchRaw(server.url, { agent });
    expect(next.body.toString()).toBe("hello");
    expect(next.headers.connection).toBe("close");
    expect(connections).toBe(1);
    await closed;
    agent.destroy();
  });

  it("closes a keep-alive connection left idle at its keep-alive timeout", async () => {
    const { app, started, goOn } = heldApp();
    const server = await serve(app, { port: 0, errors: new RecordedErrors() });
    server.server.keepAliveTimeout = 50;
    const agent = new http.Agent({ keepAlive: true });
    const answer = fetchRaw(server.url, { agent });
    await started.promise;
    const closed = server.close(A_MINUTE);
    goOn.resolve();
    // Its answer began before close(), and offered to keep the connection.
    expect((await answer).headers.connection).toBe("keep-alive");
    await closed;
    agent.destroy();
  });

  it("answers a request that arrives during the wait with Connection: close", async () => {
    const { app, started, goOn } = heldApp();
    const server = await serve(app, { port: 0, errors: new RecordedErrors() });
    const client = await RawClient.connect(server.port);
    const get = "GET / HTTP/1.1\r\nHost: x\r\n\r\n";
    client.socket.write(get);
    await started.promise;
    const closed = server.close(A_MINUTE);
    // The connection stays open for its client, which sends a second request now.
    client.socket.write(get);
    goOn.resolve();
    await client.closed;
    const [first, second] = client.received.split("HTTP/1.1 200 OK").slice(1);
    expect(first).toMatch(/connection: keep-alive/i);
    expect(second).toMatch(/connection: close/i);
    await closed;
  });

  it("cuts what still runs when the timeout is up, and the body's finally has run", async () => {
    const { app, ran } = endlessApp();
    const server = await serve(app, { port: 0, errors: new RecordedErrors() });
    const client = await RawClient.connect(server.port);
    client.socket.write("GET / HTTP/1.1\r\nHost: x\r\n\r\n");
    await client.waitFor("tick");
    await server.close(50);
    expect(ran()).toBe(true);
    await client.closed;
  });
});

describe("closing the FastCGI server with a graceful timeout", () => {
  it("stops taking connections at once, lets a request under way finish, then closes its connection", async () => {
    const { app, started, goOn } = heldApp();
    const server = await belowEphemeral((port) =>
      serveFastCGI(app, { port, errors: new RecordedErrors() }),
    );
    const client = await FastCGIClient.connect(server.port);
    await client.begin({ keepConnection: true });
    await client.params(params());
    await client.stdin("");
    await started.promise;
    const closed = server.close(A_MINUTE);
    expect(await attemptAfterClose(server.server, server.port)).toEqual(NOT_TAKEN);
    goOn.resolve();
    const answer = await client.answer();
    expect(answer.body.toString()).toBe("done");
    // The web server asked to keep the connection: it is closed once the request is over.
    await client.closed;
    await closed;
  });

  it("cuts what still runs when the timeout is up, and the body's finally has run", async () => {
    const { app, ran } = endlessApp();
    const server = await serveFastCGI(app, { port: 0, errors: new RecordedErrors() });
    const client = await FastCGIClient.connect(server.port);
    await client.begin();
    await client.params(params());
    await client.stdin("");
    await client.waitFor((record) => record.type === RecordType.STDOUT);
    await server.close(50);
    expect(ran()).toBe(true);
    await client.closed;
  });
});
