/**
 * `gateway.signal` under the `node:http` server, the bridges and the test
 * client: it aborts when the client goes away or the server stops, while
 * the app awaits something else; not after a complete answer; and it is
 * made only when an app reads it. (FastCGI and CGI: in their own tests.)
 */
import { once } from "node:events";
import type { Socket } from "node:net";
import express from "express";
import { afterEach, describe, expect, it } from "vitest";
import { expressHandler } from "../../gateway/bridges/express.ts";
import { fetchApp } from "../../gateway/bridges/fetch-app.ts";
import { fetchHandler } from "../../gateway/bridges/fetch-handler.ts";
import { encode } from "../../gateway/bytes.ts";
import { serve } from "../../gateway/http-server.ts";
import { ClientGone } from "../../gateway/response-sink.ts";
import { TestClient } from "../../gateway/test-client.ts";
import type { App, Environ } from "../../gateway/types.ts";
import { signal } from "../support/signal.ts";
import { waitingApp } from "../support/waiting-app.ts";
import { closeServers, fetchRaw, RawClient, RecordedErrors, startServer } from "./http-helpers.ts";

afterEach(closeServers);

const GET = "GET / HTTP/1.1\r\nHost: localhost\r\n\r\n";

/** Sends a GET, waits until the app holds the signal, then leaves. */
async function leaveWhileWaiting(port: number, waiting: Promise<void>): Promise<void> {
  const client = await RawClient.connect(port);
  client.socket.write(GET);
  await waiting;
  client.socket.destroy();
}

describe("gateway.signal on the node:http server", () => {
  it("aborts when the client leaves while the app awaits something else, with ClientGone", async () => {
    const { app, waiting, aborted } = waitingApp();
    const { port } = await startServer(app);
    await leaveWhileWaiting(port, waiting.promise);
    const reason = await aborted;
    expect(reason).toBeInstanceOf(ClientGone);
    expect(String(reason)).toContain("the connection closed before the answer");
  });

  it("aborts when the server stops, and close() waits for the app to finish", async () => {
    const { app, waiting, aborted } = waitingApp();
    const server = await serve(app, { port: 0, errors: new RecordedErrors() });
    const client = await RawClient.connect(server.port);
    client.socket.write(GET);
    await waiting.promise;
    await server.close();
    expect(await aborted).toBeInstanceOf(ClientGone);
  });

  it("does not abort after a complete answer, when the connection closes", async () => {
    let held: AbortSignal | undefined;
    const app: App = (environ, startResponse) => {
      held = environ["gateway.signal"];
      startResponse("200 OK", [["Content-Type", "text/plain"]]);
      return [encode("done")];
    };
    const server = await startServer(app);
    const closed = new Promise<void>((resolve) =>
      server.server.once("connection", (socket: Socket) => socket.once("close", resolve)),
    );
    expect((await fetchRaw(server.url)).statusCode).toBe(200);
    await closed;
    expect(held?.aborted).toBe(false);
  });

  it("is made only when the app reads it: until then the environ holds a getter", async () => {
    const seen: Environ[] = [];
    const app: App = (environ, startResponse) => {
      seen.push(environ);
      startResponse("200 OK", [["Content-Type", "text/plain"]]);
      return [encode("ok")];
    };
    const { url } = await startServer(app);
    await fetchRaw(url);
    const environ = seen[0] as Environ;
    expect(typeof Object.getOwnPropertyDescriptor(environ, "gateway.signal")?.get).toBe("function");
    const first = environ["gateway.signal"];
    expect(first).toBeInstanceOf(AbortSignal);
    expect(Object.getOwnPropertyDescriptor(environ, "gateway.signal")?.value).toBe(first);
    expect(environ["gateway.signal"]).toBe(first);
  });

  it("is already aborted when the app first reads it after the client left", async () => {
    const read = signal();
    const left = signal();
    let seen: AbortSignal | undefined;
    const app: App = async (environ, startResponse) => {
      await left.promise;
      seen = environ["gateway.signal"];
      read.resolve();
      startResponse("200 OK", [["Content-Type", "text/plain"]]);
      return [encode("late")];
    };
    const server = await startServer(app);
    const serverSide = new Promise<Socket>((resolve) => server.server.once("connection", resolve));
    const client = await RawClient.connect(server.port);
    client.socket.write(GET);
    const socket = await serverSide;
    client.socket.destroy();
    await once(socket, "close");
    left.resolve();
    await read.promise;
    expect(seen?.aborted).toBe(true);
  });

  it("can be replaced by a middleware's own signal", async () => {
    const own = new AbortController().signal;
    let seen: AbortSignal | undefined;
    const app: App = (environ, startResponse) => {
      environ["gateway.signal"] = own;
      seen = environ["gateway.signal"];
      startResponse("200 OK", [["Content-Type", "text/plain"]]);
      return [encode("ok")];
    };
    const { url } = await startServer(app);
    await fetchRaw(url);
    expect(seen).toBe(own);
  });
});

describe("gateway.signal in the bridges", () => {
  it("aborts under Express when the client leaves", async () => {
    const { app, waiting, aborted } = waitingApp();
    const site = express();
    site.use("/", expressHandler(app, { errors: new RecordedErrors() }));
    const listener = site.listen(0, "127.0.0.1");
    await once(listener, "listening");
    try {
      const port = (listener.address() as { port: number }).port;
      await leaveWhileWaiting(port, waiting.promise);
      expect(await aborted).toBeInstanceOf(ClientGone);
    } finally {
      listener.closeAllConnections();
      listener.close();
    }
  });

  it("aborts in a Fetch handler when the Request's own signal aborts", async () => {
    const { app, waiting, aborted } = waitingApp();
    const controller = new AbortController();
    const request = new Request("http://localhost/", { signal: controller.signal });
    void fetchHandler(app, { errors: new RecordedErrors() })(request);
    await waiting.promise;
    controller.abort();
    expect(await aborted).toBeInstanceOf(ClientGone);
  });

  it("aborts in a Fetch handler when the reader cancels the response body", async () => {
    const started = signal();
    let reason: unknown;
    const app: App = async function* (environ, startResponse) {
      startResponse("200 OK", [["Content-Type", "text/plain"]]);
      yield encode("first");
      const cutOff = environ["gateway.signal"];
      started.resolve();
      await new Promise((resolve) => cutOff.addEventListener("abort", resolve));
      reason = cutOff.reason;
    };
    const response = await fetchHandler(app)(new Request("http://localhost/"));
    const reader = response.body?.getReader();
    await reader?.read();
    // Asking for more lets the app past its first yield, where it reads the signal.
    const more = reader?.read();
    await started.promise;
    await reader?.cancel();
    await more;
    await expect.poll(() => reason).toBeInstanceOf(ClientGone);
  });

  it("becomes request.signal for a handler under fetchApp, which aborts when the client leaves", async () => {
    const waiting = signal();
    const aborted = signal();
    const handler = async (request: Request) => {
      waiting.resolve();
      await new Promise((resolve) => request.signal.addEventListener("abort", resolve));
      aborted.resolve();
      return new Response("nobody reads this");
    };
    const { port } = await startServer(fetchApp(handler));
    await leaveWhileWaiting(port, waiting.promise);
    await aborted.promise;
  });
});

describe("gateway.signal in the test client", () => {
  it("aborts when the test's own signal does, and the response is cut short", async () => {
    const { app, waiting, aborted } = waitingApp();
    const controller = new AbortController();
    const answer = new TestClient(app).get("/", { signal: controller.signal });
    await waiting.promise;
    controller.abort();
    expect(await aborted).toBeInstanceOf(ClientGone);
    expect((await answer).aborted).toBe(true);
  });

  it("never aborts without one", async () => {
    let seen: AbortSignal | undefined;
    const app: App = (environ, startResponse) => {
      seen = environ["gateway.signal"];
      startResponse("204 No Content", []);
      return [];
    };
    await new TestClient(app).get("/");
    expect(seen?.aborted).toBe(false);
  });
});
