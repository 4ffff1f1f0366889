import type { Duplex } from "node:stream";
import { afterEach, describe, expect, it } from "vitest";
import { encode } from "../../gateway/bytes.ts";
import { serve } from "../../gateway/http-server.ts";
import type { App } from "../../gateway/types.ts";
import { signal } from "../support/signal.ts";
import {
  closeServers,
  fetchRaw,
  RawClient,
  rawExchange,
  splitResponse,
  startServer,
} from "./http-helpers.ts";

afterEach(closeServers);

/**
 * An app that answers "done <path>" after a turn of the event loop, as any
 * app that awaits something does, and keeps the order in which requests
 * started and finished.
 */
function awaitingApp() {
  const seen: string[] = [];
  const app: App = async (environ, startResponse) => {
    seen.push(`start ${environ.PATH_INFO}`);
    await new Promise((resolve) => setImmediate(resolve));
    seen.push(`end ${environ.PATH_INFO}`);
    startResponse("200 OK", [["Content-Type", "text/plain"]]);
    return [encode(`done ${environ.PATH_INFO}\n`)];
  };
  return { app, seen };
}

/** An app that answers at once, and keeps the paths it was called for. */
function syncApp() {
  const seen: string[] = [];
  const app: App = (environ, startResponse) => {
    seen.push(environ.PATH_INFO);
    startResponse("200 OK", [["Content-Type", "text/plain"]]);
    return [encode(`done ${environ.PATH_INFO}\n`)];
  };
  return { app, seen };
}

const get = (path: string, extra = "") => `GET ${path} HTTP/1.1\r\nHost: x\r\n${extra}\r\n`;

/** The status lines of the answers in `raw`, in order. */
function statuses(raw: string): string[] {
  return raw.match(/^HTTP\/1\.1 \d{3} [^\r]*/gm) ?? [];
}

describe("requests pipelined on one connection", () => {
  it("are answered in order, one at a time, and a malformed one after them gets a 400, then the connection closes", async () => {
    const { app, seen } = awaitingApp();
    const { port } = await startServer(app);
    const raw = await rawExchange(port, `${get("/a")}${get("/b")}GARBAGE\r\n\r\n`);
    expect(statuses(raw)).toEqual([
      "HTTP/1.1 200 OK",
      "HTTP/1.1 200 OK",
      "HTTP/1.1 400 Bad Request",
    ]);
    expect(raw.indexOf("done /a")).toBeLessThan(raw.indexOf("done /b"));
    expect(seen).toEqual(["start /a", "end /a", "start /b", "end /b"]);
  });

  it("give a POST with bytes beyond its Content-Length the app's answer first, then the 400", async () => {
    const reader: App = async (environ, startResponse) => {
      let read = 0;
      for await (const chunk of environ["gateway.input"]) read += chunk.byteLength;
      startResponse("200 OK", [["Content-Type", "text/plain"]]);
      return [encode(`read ${read}\n`)];
    };
    const { port } = await startServer(reader);
    const post = "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nhelloEXTRA\r\n\r\n";
    const raw = await rawExchange(port, post);
    expect(statuses(raw)).toEqual(["HTTP/1.1 200 OK", "HTTP/1.1 400 Bad Request"]);
    expect(raw).toContain("read 5\n");
  });

  for (const [kind, make] of [
    ["an app that awaits", awaitingApp],
    ["an app that answers at once", syncApp],
  ] as const) {
    it(`get no answer after Connection: close, and the answer before is kept (${kind})`, async () => {
      const { app, seen } = make();
      const { port } = await startServer(app);
      const raw = await rawExchange(port, `${get("/a", "Connection: close\r\n")}${get("/b")}`);
      expect(statuses(raw)).toEqual(["HTTP/1.1 200 OK"]);
      expect(raw).toContain("done /a");
      expect(seen.join()).not.toContain("/b");
    });
  }

  it("get no answer after a plain HTTP/1.0 request, which closes the connection", async () => {
    const { app, seen } = awaitingApp();
    const { port } = await startServer(app);
    const raw = await rawExchange(port, "GET /a HTTP/1.0\r\n\r\nGET /b HTTP/1.0\r\n\r\n");
    expect(statuses(raw)).toEqual(["HTTP/1.1 200 OK"]);
    expect(raw).toContain("done /a");
    expect(seen).toEqual(["start /a", "end /a"]);
  });

  it("end after an HTTP/1.0 request with Transfer-Encoding, even with keep-alive: the one behind never runs", async () => {
    const { app, seen } = syncApp();
    const { port } = await startServer(app);
    const smuggler =
      "POST /a HTTP/1.0\r\nHost: x\r\nConnection: keep-alive\r\nTransfer-Encoding: chunked\r\n\r\n" +
      "3\r\nabc\r\n0\r\n\r\n";
    const raw = await rawExchange(port, `${smuggler}${get("/b")}`);
    expect(statuses(raw)).toEqual(["HTTP/1.1 200 OK"]);
    expect(raw).toMatch(/\r\nConnection: close\r\n/);
    expect(seen).toEqual(["/a"]);
  });

  it("get Node's own 400 for a missing Host, once, and nothing behind it runs", async () => {
    const { app, seen } = syncApp();
    const { port } = await startServer(app);
    const raw = await rawExchange(port, `GET /a HTTP/1.1\r\n\r\n${get("/b")}GARBAGE\r\n\r\n`);
    expect(statuses(raw)).toEqual(["HTTP/1.1 400 Bad Request"]);
    expect(seen).toEqual([]);
  });

  it("put a 400 after an answer already on its way, never in its middle", async () => {
    let finish = () => {};
    const app: App = async function* (_environ, startResponse) {
      startResponse("200 OK", [
        ["Content-Type", "text/plain"],
        ["Content-Length", "10"],
      ]);
      yield encode("first");
      await new Promise<void>((resolve) => {
        finish = resolve;
      });
      yield encode("-half");
    };
    const { port, server } = await startServer(app);
    server.on("clientError", () => finish()); // after the server's own handler saw the garbage
    const client = await RawClient.connect(port);
    client.socket.write(get("/"));
    await client.waitFor("first");
    client.socket.write("GARBAGE GARBAGE\r\n\r\n");
    await client.closed;
    const [answer = "", refusal = ""] = client.received.split(/(?=HTTP\/1\.1 )/);
    expect(splitResponse(answer).body).toBe("first-half");
    expect(refusal).toMatch(/^HTTP\/1\.1 400 Bad Request\r\n/);
  });
});

describe("methods the server does not know", () => {
  it.each(["FOO", "get", "BREW"])(
    "get 501 Not Implemented, naming the method %s",
    async (method) => {
      const { port } = await startServer(syncApp().app);
      const { head, body } = splitResponse(
        await rawExchange(port, get("/").replace("GET", method)),
      );
      expect(head).toMatch(/^HTTP\/1\.1 501 Not Implemented\r\n/);
      expect(body).toBe(
        `501 Not Implemented: this server does not know the method ${method} (methods are case-sensitive, like GET)\n`,
      );
    },
  );

  it("include CONNECT: 501, after the answers before it, where Node closed the connection silently", async () => {
    const { app } = awaitingApp();
    const { port } = await startServer(app);
    const connect = "CONNECT example.com:443 HTTP/1.1\r\nHost: example.com:443\r\n\r\n";
    const raw = await rawExchange(port, `${get("/a")}${connect}`);
    expect(statuses(raw)).toEqual(["HTTP/1.1 200 OK", "HTTP/1.1 501 Not Implemented"]);
    expect(raw).toContain("this server is not a proxy");
  });

  it("keep serving when a client resets the connection after its CONNECT", async () => {
    const goOn = signal();
    const held: App = async (_environ, startResponse) => {
      await goOn.promise;
      startResponse("200 OK", [["Content-Type", "text/plain"]]);
      return [encode("done\n")];
    };
    const { port, url, server } = await startServer(held);
    const tunnelAsked = new Promise<Duplex>((resolve) =>
      server.once("connect", (_req, socket: Duplex) => resolve(socket)),
    );
    const client = await RawClient.connect(port);
    client.socket.write(
      `${get("/a")}CONNECT example.com:443 HTTP/1.1\r\nHost: example.com\r\n\r\n`,
    );
    const socket = await tunnelAsked;
    client.socket.resetAndDestroy();
    // The reset reached the server: an "error" event without a listener would have stopped it.
    await new Promise((resolve) => socket.once("close", resolve));
    goOn.resolve();
    expect((await fetchRaw(url)).body.toString()).toBe("done\n");
  });

  it("but a request line that is not HTTP is still a 400", async () => {
    const { port } = await startServer(syncApp().app);
    expect(statuses(await rawExchange(port, "HELLO THERE\r\n\r\n"))).toEqual([
      "HTTP/1.1 400 Bad Request",
    ]);
  });
});

describe("a client too slow to send its headers (slowloris)", () => {
  it("gets 408 Request Timeout once the headers timeout has passed, and the connection closes", async () => {
    const { port } = await startServer(syncApp().app, { headersTimeout: 200 });
    const client = await RawClient.connect(port);
    client.socket.write("GET / HTTP/1.1\r\nHost: x\r\nX-Slow: 1");
    await client.closed;
    const { head, body } = splitResponse(client.received);
    expect(head).toMatch(/^HTTP\/1\.1 408 Request Timeout\r\n/);
    expect(body).toBe("408 Request Timeout: the request took too long to arrive\n");
  });

  it.each([0, -1, 1.5, Number.NaN])("refuses a headersTimeout of %s", async (headersTimeout) => {
    await expect(serve(syncApp().app, { port: 0, headersTimeout })).rejects.toThrow(
      /headersTimeout must be a whole number of milliseconds above 0/,
    );
  });
});
