import { afterEach, describe, expect, it } from "vitest";
import { encode } from "../../gateway/bytes.ts";
import type { App, Body, Headers } from "../../gateway/types.ts";
import { endlessApp } from "../support/endless-app.ts";
import {
  closeServers,
  fetchRaw,
  RawClient,
  rawClientExchange,
  rawExchange,
  splitResponse,
  startServer,
} from "./http-helpers.ts";

afterEach(closeServers);

const TEXT: [string, string] = ["Content-Type", "text/plain"];

function answering(headers: Headers, body: Body, status = "200 OK"): App {
  return (_environ, startResponse) => {
    startResponse(status, headers);
    return body;
  };
}

/** A GET (or another method) on a connection the server is asked to close after answering. */
function requestBytes(path = "/", method = "GET"): string {
  return `${method} ${path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n`;
}

describe("the node:http server answers", () => {
  it("with the app's status, reason and headers, repeats kept in order", async () => {
    const headers: Headers = [TEXT, ["Set-Cookie", "a=1"], ["Set-Cookie", "b=2"]];
    const { url } = await startServer(answering(headers, [encode("hi")], "201 Made It"));
    const answer = await fetchRaw(url);
    expect([answer.statusCode, answer.statusMessage]).toEqual([201, "Made It"]);
    expect(answer.headers["set-cookie"]).toEqual(["a=1", "b=2"]);
    expect(answer.body.toString()).toBe("hi");
  });

  it("with a Content-Length for a one-chunk list body", async () => {
    const { url } = await startServer(answering([TEXT], [encode("héllo")]));
    const answer = await fetchRaw(url);
    expect(answer.headers["content-length"]).toBe("6");
    expect(answer.headers["transfer-encoding"]).toBeUndefined();
  });

  it("chunked, when the body is streamed and has no Content-Length", async () => {
    const app: App = async function* (_environ, startResponse) {
      startResponse("200 OK", [TEXT]);
      yield encode("one,");
      yield encode("two");
    };
    const { port } = await startServer(app);
    const { head, body } = splitResponse(await rawExchange(port, requestBytes()));
    expect(head).toMatch(/\r\nTransfer-Encoding: chunked/i);
    expect(body).toBe("4\r\none,\r\n3\r\ntwo\r\n0\r\n\r\n");
  });

  it("with write()'s bytes before the body's", async () => {
    const app: App = async (_environ, startResponse) => {
      const write = startResponse("200 OK", [TEXT]);
      await write(encode("written, "));
      return [encode("then returned")];
    };
    const { url } = await startServer(app);
    expect((await fetchRaw(url)).body.toString()).toBe("written, then returned");
  });

  it("with the status an app set again with excInfo before the headers went out", async () => {
    const app: App = (_environ, startResponse) => {
      startResponse("200 OK", [TEXT]);
      startResponse("503 Service Unavailable", [TEXT], new Error("overloaded"));
      return [encode("try later")];
    };
    const { url } = await startServer(app);
    const answer = await fetchRaw(url);
    expect([answer.statusCode, answer.body.toString()]).toEqual([503, "try later"]);
  });

  it("two requests on one kept-alive connection", async () => {
    const app: App = (environ, startResponse) => {
      startResponse("200 OK", [TEXT]);
      return [encode(`you asked for ${environ.PATH_INFO};`)];
    };
    const { port } = await startServer(app);
    const client = await RawClient.connect(port);
    client.socket.write("GET /first HTTP/1.1\r\nHost: localhost\r\n\r\n");
    await client.waitFor("you asked for /first;");
    client.socket.write("GET /second HTTP/1.1\r\nHost: localhost\r\n\r\n");
    await client.waitFor("you asked for /second;");
    expect(client.socket.closed).toBe(false);
    expect(client.received.match(/HTTP\/1\.1 200 OK/g)).toHaveLength(2);
    client.socket.end();
  });
});

describe("HEAD on the node:http server", () => {
  const app = answering([TEXT, ["X-Version", "7"]], [encode("the body")]);

  it("answers with the headers of GET, Content-Length included, and no body", async () => {
    const { url } = await startServer(app);
    const get = await fetchRaw(url);
    const head = await fetchRaw(url, { method: "HEAD" });
    const { date: _getDate, ...getHeaders } = get.headers;
    const { date: _headDate, ...headHeaders } = head.headers;
    expect(headHeaders).toEqual(getHeaders);
    expect(head.headers["content-length"]).toBe("8");
    expect(head.body.byteLength).toBe(0);
  });

  it("puts no body bytes on the wire: the next answer on the connection is intact", async () => {
    const { port } = await startServer(app);
    const client = await RawClient.connect(port);
    client.socket.write("HEAD / HTTP/1.1\r\nHost: localhost\r\n\r\n");
    client.socket.write(requestBytes("/"));
    await client.closed;
    const [headAnswer, getAnswer] = client.received.split(/(?=HTTP\/1\.1 )/);
    expect(splitResponse(headAnswer ?? "").body).toBe("");
    expect(splitResponse(getAnswer ?? "").body).toBe("the body");
  });
});

describe("HEAD on a streamed body on the node:http server", () => {
  it("answers with the head of an endless body, and finishes the body: its finally runs", async () => {
    const { app, finished } = endlessApp();
    const { url } = await startServer(app);
    const head = await fetchRaw(url, { method: "HEAD" });
    expect(head.statusCode).toBe(200);
    expect(head.body.byteLength).toBe(0);
    await finished.promise;
  });

  it("asks a body that never awaits for no more than its first bytes, so the server is not held up", async () => {
    let pulled = 0;
    const app: App = function* (_environ, startResponse) {
      startResponse("200 OK", [TEXT]);
      for (let i = 0; i < 100_000; i++) {
        pulled += 1;
        yield encode("x");
      }
    };
    const { url } = await startServer(app);
    expect((await fetchRaw(url, { method: "HEAD" })).statusCode).toBe(200);
    expect(pulled).toBe(1);
  });

  it("answers the same 500 as GET when the body fails before its first bytes", async () => {
    const app: App = async function* (_environ, startResponse) {
      startResponse("200 OK", [TEXT]);
      yield new Uint8Array(0);
      throw new Error("out of stock");
    };
    const { url, errors } = await startServer(app);
    expect((await fetchRaw(url, { method: "HEAD" })).statusCode).toBe(500);
    expect(errors.text).toContain("out of stock");
  });

  it("adds no Content-Length when the app leaves the body of its HEAD answer out", async () => {
    const app: App = (environ, startResponse) => {
      startResponse("200 OK", [TEXT]);
      return environ.REQUEST_METHOD === "HEAD" ? [] : [encode("the body")];
    };
    const { url } = await startServer(app);
    const head = await fetchRaw(url, { method: "HEAD" });
    expect(head.statusCode).toBe(200);
    expect(head.headers["content-length"]).toBeUndefined();
  });
});

describe("statuses without content on the node:http server", () => {
  it("answers 500 to an app's 1xx status, which would leave the client waiting for a final one", async () => {
    const { port, errors } = await startServer(answering([TEXT], [], "100 Continue"));
    const raw = await rawExchange(port, requestBytes());
    expect(raw).toMatch(/^HTTP\/1\.1 500 Internal Server Error\r\n/);
    expect(errors.text).toContain("a 1xx status is not a final answer");
  });

  it("answers 500 to a 204 with a Content-Length, and logs why", async () => {
    const { port, errors } = await startServer(
      answering([["Content-Length", "5"]], [], "204 No Content"),
    );
    const raw = await rawExchange(port, requestBytes());
    expect(raw).toMatch(/^HTTP\/1\.1 500 Internal Server Error\r\n/);
    expect(errors.text).toContain("leave out its Content-Length");
  });

  it("sends a 304 with the app's Content-Length and no body: the next answer is intact", async () => {
    const app: App = (environ, startResponse) => {
      if (environ.PATH_INFO === "/cached")
        startResponse("304 Not Modified", [["Content-Length", "8"]]);
      else startResponse("200 OK", [TEXT]);
      return environ.PATH_INFO === "/cached" ? [] : [encode("the body")];
    };
    const { port } = await startServer(app);
    const client = await RawClient.connect(port);
    client.socket.write("GET /cached HTTP/1.1\r\nHost: localhost\r\n\r\n");
    client.socket.write(requestBytes("/"));
    await client.closed;
    const [notModified = "", ok = ""] = client.received.split(/(?=HTTP\/1\.1 )/);
    expect(notModified).toMatch(/^HTTP\/1\.1 304 Not Modified\r\n/);
    expect(notModified).toContain("\r\nContent-Length: 8\r\n");
    expect(splitResponse(notModified).body).toBe("");
    expect(splitResponse(ok).body).toBe("the body");
  });
});

describe("startResponse on the node:http server", () => {
  it("takes an excInfo of null as not given: a second call is an error, not a new status", async () => {
    const app: App = (_environ, startResponse) => {
      startResponse("200 OK", [TEXT]);
      startResponse("404 Not Found", [TEXT], null);
      return [encode("found?")];
    };
    const { url, errors } = await startServer(app);
    expect((await fetchRaw(url)).statusCode).toBe(500);
    expect(errors.text).toContain("startResponse was called twice");
  });

  it("says so, rather than throwing null, when excInfo is null after the headers went out", async () => {
    const app: App = async function* (_environ, startResponse) {
      startResponse("200 OK", [TEXT]);
      yield encode("half");
      startResponse("500 Internal Server Error", [TEXT], null);
    };
    const { url, errors } = await startServer(app);
    await expect(fetchRaw(url)).rejects.toThrow(/aborted|socket hang up|ECONNRESET/);
    expect(errors.text).toContain("startResponse was called twice");
  });

  it("must come before the first chunk, even an empty one, as the validator says", async () => {
    const app: App = function* (_environ, startResponse) {
      yield new Uint8Array(0);
      startResponse("200 OK", [TEXT]);
      yield encode("late");
    };
    const { url, errors } = await startServer(app);
    expect((await fetchRaw(url)).statusCode).toBe(500);
    expect(errors.text).toContain("before calling startResponse");
  });
});

describe("errors on the node:http server", () => {
  it("answers an error before the headers with a 500 page that shows no message or stack", async () => {
    const app: App = () => {
      throw new Error("the secret is 42");
    };
    const { url, errors } = await startServer(app);
    const answer = await fetchRaw(url);
    expect(answer.statusCode).toBe(500);
    expect(answer.headers["content-type"]).toBe("text/html; charset=utf-8");
    expect(answer.body.toString()).toContain("Internal Server Error");
    expect(answer.body.toString()).not.toContain("secret");
    expect(answer.body.toString()).not.toContain(".ts");
    expect(errors.text).toContain("the secret is 42");
    expect(errors.text).toMatch(/\n\s+at .*http-server\.test\.ts/);
  });

  it("cuts the connection when the app fails after the headers went out", async () => {
    const app: App = async function* (_environ, startResponse) {
      startResponse("200 OK", [TEXT]);
      yield encode("half a page");
      throw new Error("failed mid-stream");
    };
    const { url, port, errors } = await startServer(app);
    await expect(fetchRaw(url)).rejects.toThrow(/aborted|socket hang up|ECONNRESET/);
    const client = await rawClientExchange(port, requestBytes());
    expect(client.received).not.toContain("0\r\n\r\n"); // never the last chunk of a whole body
    expect(errors.text).toContain("failed mid-stream");
  });

  it("resets the connection of an HTTP/1.0 client, whose body ends where the connection does", async () => {
    let failNow = () => {};
    const app: App = async function* (_environ, startResponse) {
      startResponse("200 OK", [TEXT]);
      yield encode("half a page");
      await new Promise<void>((resolve) => {
        failNow = resolve;
      });
      throw new Error("failed mid-stream");
    };
    const { port } = await startServer(app);
    const client = await RawClient.connect(port);
    client.socket.write("GET / HTTP/1.0\r\n\r\n");
    await client.waitFor("half a page");
    expect(client.received).not.toMatch(/Transfer-Encoding|Content-Length/i);
    failNow();
    await client.closed;
    expect(client.error?.code).toBe("ECONNRESET"); // a clean close would say "that was all"
  });

  it("cuts the connection when excInfo comes after the headers went out", async () => {
    const app: App = async function* (_environ, startResponse) {
      startResponse("200 OK", [TEXT]);
      yield encode("half");
      startResponse("500 Internal Server Error", [TEXT], new Error("too late to say so"));
    };
    const { url, errors } = await startServer(app);
    await expect(fetchRaw(url)).rejects.toThrow(/aborted|socket hang up|ECONNRESET/);
    expect(errors.text).toContain("too late to say so");
  });

  it("never sends more bytes than the Content-Length: it cuts the response and logs why", async () => {
    const body = [encode("12345"), encode("67890")];
    const { url, port, errors } = await startServer(
      answering([TEXT, ["Content-Length", "8"]], body),
    );
    await expect(fetchRaw(url)).rejects.toThrow(/aborted|socket hang up|ECONNRESET/);
    const client = await rawClientExchange(port, requestBytes());
    expect(splitResponse(client.received).body.length).toBeLessThanOrEqual(8);
    expect(errors.text).toContain("more than its Content-Length of 8");
  });

  it("cuts a response that ends short of its Content-Length", async () => {
    const app: App = function* (_environ, startResponse) {
      startResponse("200 OK", [TEXT, ["Content-Length", "100"]]);
      yield encode("not a hundred bytes");
    };
    const { url, errors } = await startServer(app);
    await expect(fetchRaw(url)).rejects.toThrow(/aborted|socket hang up|ECONNRESET/);
    expect(errors.text).toContain("of the 100 bytes its Content-Length promised");
  });

  it("keeps serving after an app error", async () => {
    let calls = 0;
    const app: App = (_environ, startResponse) => {
      calls += 1;
      if (calls === 1) throw new Error("first call fails");
      startResponse("200 OK", [TEXT]);
      return [encode("fine")];
    };
    const { url } = await startServer(app);
    expect((await fetchRaw(url)).statusCode).toBe(500);
    expect((await fetchRaw(url)).statusCode).toBe(200);
  });
});

describe("what never reaches the wire from the node:http server", () => {
  const broken: Array<[string, App]> = [
    ["a CR LF in the status", answering([TEXT], [], "200 OK\r\nX-Evil: status")],
    ["a CR LF in a header name", answering([TEXT, ["X-A\r\nX-Evil", "name"]], [])],
    ["a CR LF in a header value", answering([TEXT, ["X-A", "1\r\nX-Evil: value"]], [])],
    ["a lone LF in a header value", answering([TEXT, ["X-A", "1\nX-Evil: value"]], [])],
    ["a hop-by-hop header", answering([TEXT, ["Connection", "close, X-Evil"]], [])],
  ];

  for (const [what, app] of broken) {
    it(`answers 500 to ${what}, logs why, and keeps it off the wire`, async () => {
      const { port, errors } = await startServer(app);
      const raw = await rawExchange(port, requestBytes());
      expect(raw).toMatch(/^HTTP\/1\.1 500 Internal Server Error\r\n/);
      expect(raw).not.toContain("X-Evil");
      expect(errors.text).toMatch(/TypeError: (invalid|the app may not)/);
    });
  }
});
