import { hostname } from "node:os";
import { afterEach, describe, expect, it } from "vitest";
import { collect, decode, encode } from "../../gateway/bytes.ts";
import { serverName } from "../../gateway/http-server.ts";
import type { App, Environ } from "../../gateway/types.ts";
import { validator } from "../../gateway/validator/index.ts";
import {
  closeServers,
  fetchRaw,
  RawClient,
  rawExchange,
  splitResponse,
  startServer,
} from "./http-helpers.ts";

afterEach(closeServers);

/** A server whose app keeps the last environ it was given, and answers "ok"; `wrap` wraps that app. */
async function recordingServer(wrap: (app: App) => App = (app) => app) {
  const seen: Environ[] = [];
  const app: App = (environ, startResponse) => {
    seen.push(environ);
    startResponse("200 OK", [["Content-Type", "text/plain"]]);
    return [encode("ok")];
  };
  const server = await startServer(wrap(app));
  const environOf = async (target: string, headers: Record<string, string> = {}) => {
    const answer = await fetchRaw(`${server.url.slice(0, -1)}${target}`, { headers });
    expect(answer.statusCode).toBe(200);
    const environ = seen.at(-1);
    if (environ === undefined) throw new Error("the app was not called");
    return environ;
  };
  return { server, seen, environOf };
}

/** Sends a request with these header lines over a bare socket, and returns the environ. */
function environWithHeaderLines(lines: string[]): Promise<Environ> {
  return environOfRequestLine("GET / HTTP/1.1", lines);
}

/** Sends this request line (and header lines) over a bare socket, and returns the environ. */
async function environOfRequestLine(requestLine: string, lines: string[] = []): Promise<Environ> {
  const { answer, seen } = await exchange(requestLine, lines);
  expect(answer).toMatch(/^HTTP\/1\.1 200 OK\r\n/);
  return seen[0] as Environ;
}

/** Sends this request line and header lines (a Host first) over a bare socket, to a recording server. */
async function exchange(requestLine: string, lines: string[] = [], app?: (inner: App) => App) {
  const { server, seen } = await recordingServer(app);
  const head = [requestLine, "Host: localhost", ...lines, "Connection: close"];
  const answer = await rawExchange(server.port, `${head.join("\r\n")}\r\n\r\n`);
  return { answer, seen };
}

/** Expects the request to be refused with a 400 and `reason`, without the app being called. */
async function expectRefused(requestLine: string, lines: string[], reason: string | RegExp) {
  const { answer, seen } = await exchange(requestLine, lines);
  const { head, body } = splitResponse(answer);
  expect(head).toMatch(/^HTTP\/1\.1 400 Bad Request\r\n/);
  expect(body).toMatch(reason);
  expect(seen, "the app is not called").toHaveLength(0);
}

describe("the environ the node:http server builds", () => {
  it("mounts the app at the root: SCRIPT_NAME is empty", async () => {
    const { environOf } = await recordingServer();
    expect((await environOf("/a/b")).SCRIPT_NAME).toBe("");
  });

  it("percent-decodes PATH_INFO as UTF-8, turning %2F into / and keeping +", async () => {
    const { environOf } = await recordingServer();
    const environ = await environOf("/caf%C3%A9/a%2Fb/x+y%20z");
    expect(environ.PATH_INFO).toBe("/café/a/b/x+y z");
  });

  it("keeps the raw request target in REQUEST_URI and the raw query in QUERY_STRING", async () => {
    const { environOf } = await recordingServer();
    const environ = await environOf("/a%2Fb?q=caf%C3%A9+au+lait&x=%26");
    expect(environ.REQUEST_URI).toBe("/a%2Fb?q=caf%C3%A9+au+lait&x=%26");
    expect(environ.QUERY_STRING).toBe("q=caf%C3%A9+au+lait&x=%26");
  });

  it("accepts a request for a full URL, as sent to a proxy, and gives its path", async () => {
    const environ = await environOfRequestLine("GET http://localhost/a%20b?x=1 HTTP/1.1");
    expect([environ.PATH_INFO, environ.QUERY_STRING]).toEqual(["/a b", "x=1"]);
    expect(environ.REQUEST_URI).toBe("/a%20b?x=1");
  });

  it("takes the host of a full URL over the Host header, which the server must then ignore", async () => {
    const environ = await environOfRequestLine("GET http://example.org:8080/ HTTP/1.1");
    expect(environ.HTTP_HOST).toBe("example.org:8080");
  });

  it("refuses a full URL with a user name and password, with a 400 that does not repeat them", async () => {
    await expectRefused(
      "GET http://user:pass@example.com:8080/foo HTTP/1.1",
      [],
      /^Bad Request: the URL holds a user name or password \(user@host\)/,
    );
    const { answer } = await exchange("GET http://user:pass@example.com:8080/foo HTTP/1.1");
    expect(answer).not.toContain("pass@");
  });

  it("refuses a full URL whose host is not a host, or is missing", async () => {
    await expectRefused("PUT s://]ufd/: HTTP/1.1", [], /the URL's host "\]ufd" is not a host/);
    await expectRefused("GET http:///x HTTP/1.1", [], /the URL's host "" is not a host/);
  });

  it("drops a fragment: it is the browser's, and never part of the query", async () => {
    const environ = await environOfRequestLine("GET /p?page=1#x HTTP/1.1");
    expect([environ.PATH_INFO, environ.QUERY_STRING, environ.REQUEST_URI]).toEqual([
      "/p",
      "page=1",
      "/p?page=1",
    ]);
  });

  it("gives OPTIONS * an empty PATH_INFO that the validator accepts, and the * in REQUEST_URI", async () => {
    const { answer, seen } = await exchange("OPTIONS * HTTP/1.1", [], validator);
    expect(answer).toMatch(/^HTTP\/1\.1 200 OK\r\n/);
    expect([seen[0]?.PATH_INFO, seen[0]?.REQUEST_URI]).toEqual(["", "*"]);
  });

  it("refuses * for any method but OPTIONS", async () => {
    await expectRefused(
      "GET * HTTP/1.1",
      [],
      /the target \* \(the whole server\) is for OPTIONS only, not GET/,
    );
  });

  it("gives an empty QUERY_STRING when the target has no query", async () => {
    const { environOf } = await recordingServer();
    expect((await environOf("/plain")).QUERY_STRING).toBe("");
  });

  it("answers 400 to a path that is not UTF-8, without calling the app, and keeps serving", async () => {
    const { server, seen } = await recordingServer();
    const bad = await fetchRaw(`${server.url}caf%E9`);
    expect(bad.statusCode).toBe(400);
    expect(bad.body.toString()).toContain("not valid percent-encoded UTF-8");
    expect(seen).toHaveLength(0);
    expect((await fetchRaw(`${server.url}fine`)).statusCode).toBe(200);
  });

  it("names the request line's parts: REQUEST_METHOD, SERVER_PROTOCOL", async () => {
    const { server, seen } = await recordingServer();
    await fetchRaw(server.url, { method: "DELETE" });
    expect(seen[0]?.REQUEST_METHOD).toBe("DELETE");
    expect(seen[0]?.SERVER_PROTOCOL).toBe("HTTP/1.1");
  });

  it("says where it listens in SERVER_NAME and SERVER_PORT, and who asked in REMOTE_ADDR", async () => {
    const { server, environOf } = await recordingServer();
    const environ = await environOf("/");
    expect(environ.SERVER_NAME).toBe("127.0.0.1");
    expect(environ.SERVER_PORT).toBe(String(server.port));
    expect(environ.REMOTE_ADDR).toBe("127.0.0.1");
  });

  it("names the machine in SERVER_NAME when it listens on every address, never the client's Host", () => {
    // Tests listen on 127.0.0.1 only: the wildcard case is checked where the name is chosen.
    expect(serverName("0.0.0.0")).toBe(hostname());
    expect(serverName("::")).toBe(hostname());
    expect(serverName("127.0.0.1")).toBe("127.0.0.1");
    expect(serverName("::1")).toBe("::1");
  });

  it("sets every gateway.* key", async () => {
    const { environOf } = await recordingServer();
    const environ = await environOf("/");
    expect(environ["gateway.version"]).toEqual([1, 0]);
    expect(environ["gateway.url_scheme"]).toBe("http");
    expect(environ["gateway.multithread"]).toBe(false);
    expect(environ["gateway.multiprocess"]).toBe(false);
    expect(environ["gateway.run_once"]).toBe(false);
    expect(typeof environ["gateway.input"][Symbol.asyncIterator]).toBe("function");
    expect(typeof environ["gateway.errors"].write).toBe("function");
    expect(typeof environ["gateway.errors"].flush).toBe("function");
  });

  it("gives CONTENT_TYPE and CONTENT_LENGTH their CGI names, without HTTP_", async () => {
    const { server, seen } = await recordingServer();
    await fetchRaw(server.url, {
      method: "POST",
      headers: { "Content-Type": "text/plain" },
      body: "hello",
    });
    const environ = seen[0] as Environ;
    expect(environ.CONTENT_TYPE).toBe("text/plain");
    expect(environ.CONTENT_LENGTH).toBe("5");
    expect(environ.HTTP_CONTENT_TYPE).toBeUndefined();
    expect(environ.HTTP_CONTENT_LENGTH).toBeUndefined();
  });

  it("leaves CONTENT_TYPE and CONTENT_LENGTH out when the request has none", async () => {
    const { environOf } = await recordingServer();
    const environ = await environOf("/");
    expect("CONTENT_TYPE" in environ).toBe(false);
    expect("CONTENT_LENGTH" in environ).toBe(false);
  });

  it("puts each header under HTTP_ and its name, upper-cased, with - as _", async () => {
    const environ = await environWithHeaderLines(["X-Request-Id: abc", "accept-language: fr"]);
    expect(environ.HTTP_X_REQUEST_ID).toBe("abc");
    expect(environ.HTTP_ACCEPT_LANGUAGE).toBe("fr");
    expect(environ.HTTP_HOST).toBe("localhost");
  });

  it("joins a repeated header into one key with a comma", async () => {
    const environ = await environWithHeaderLines(["Accept: text/html", "accept: text/plain"]);
    expect(environ.HTTP_ACCEPT).toBe("text/html, text/plain");
  });

  it("joins repeated Cookie headers with a semicolon, as cookie pairs are joined", async () => {
    const environ = await environWithHeaderLines(["Cookie: a=1", "Cookie: b=2; c=3"]);
    expect(environ.HTTP_COOKIE).toBe("a=1; b=2; c=3");
  });

  it("drops headers whose names hold an underscore, so X_User cannot pose as X-User", async () => {
    const environ = await environWithHeaderLines(["X_User: mallory", "X-User: alice"]);
    expect(environ.HTTP_X_USER).toBe("alice");
  });

  it("drops headers whose names hold a dot, which would read as a namespaced key", async () => {
    const environ = await environWithHeaderLines(["X.Custom: 1", "gateway.run_once: yes"]);
    expect(Object.keys(environ).filter((key) => key.toUpperCase().includes("CUSTOM"))).toEqual([]);
    expect(environ["gateway.run_once"]).toBe(false);
  });

  it("refuses a second Host with a 400 and its reason: it cannot be two hosts at once", async () => {
    await expectRefused(
      "GET / HTTP/1.1",
      ["Host: evil.example"],
      /^Bad Request: the request has more than one host header, which holds a single value\n$/,
    );
  });

  it("refuses a Host that is not a host and maybe a port, with a 400 and its reason", async () => {
    for (const host of ["evil.example/admin?", "a b", "user@example.org"]) {
      const { server, seen } = await recordingServer();
      const answer = await rawExchange(
        server.port,
        `GET / HTTP/1.1\r\nHost: ${host}\r\nConnection: close\r\n\r\n`,
      );
      const { head, body } = splitResponse(answer);
      expect(head).toMatch(/^HTTP\/1\.1 400 Bad Request\r\n/);
      expect(body).toBe(
        `Bad Request: the Host header ${JSON.stringify(host)} is not a host name or address\n`,
      );
      expect(seen, "the app is not called").toHaveLength(0);
    }
  });

  it("accepts an empty Host, and a Host with an IPv6 address and a port", async () => {
    const { server, seen } = await recordingServer();
    for (const host of ["", "[::1]:8080"]) {
      const request = `GET / HTTP/1.1\r\nHost: ${host}\r\nConnection: close\r\n\r\n`;
      expect(await rawExchange(server.port, request)).toMatch(/^HTTP\/1\.1 200 OK\r\n/);
    }
    expect(seen.map((environ) => environ.HTTP_HOST)).toEqual(["", "[::1]:8080"]);
  });

  it("refuses every other repeated header that holds one value, rather than joining it", async () => {
    for (const [name, value] of [
      ["Content-Type", "text/html"],
      ["Authorization", "Basic Zm9vOmJhcg=="],
      ["User-Agent", "curl"],
      ["Referer", "http://a/"],
      ["If-Modified-Since", "Tue, 01 Dec 2026 10:00:00 GMT"],
    ]) {
      const line = `${name}: ${value}`;
      await expectRefused(
        "GET / HTTP/1.1",
        [line, line],
        `more than one ${name.toLowerCase()} header`,
      );
    }
  });
});

describe("gateway.input on the node:http server", () => {
  it("yields the request body's bytes", async () => {
    const app: App = async (environ, startResponse) => {
      const body = await collect(environ["gateway.input"]);
      startResponse("200 OK", [["Content-Type", "application/octet-stream"]]);
      return [body];
    };
    const { url } = await startServer(app);
    const bytes = Uint8Array.from([0, 1, 2, 250, 255]);
    const answer = await fetchRaw(url, { method: "POST", body: bytes });
    expect([...answer.body]).toEqual([0, 1, 2, 250, 255]);
  });

  it("yields nothing for a request without a body", async () => {
    const app: App = async (environ, startResponse) => {
      const body = await collect(environ["gateway.input"]);
      startResponse("200 OK", [["Content-Type", "text/plain"]]);
      return [encode(`${body.byteLength} bytes`)];
    };
    const { url } = await startServer(app);
    expect((await fetchRaw(url)).body.toString()).toBe("0 bytes");
  });

  it("can be read only once: a second loop throws an error that says so", async () => {
    const app: App = async (environ, startResponse) => {
      await collect(environ["gateway.input"]);
      const second = await collect(environ["gateway.input"]).catch((error: Error) => error);
      startResponse("200 OK", [["Content-Type", "text/plain"]]);
      return [encode(String(second))];
    };
    const { url } = await startServer(app);
    const answer = await fetchRaw(url, { method: "POST", body: "once" });
    expect(answer.body.toString()).toMatch(/gateway\.input can be read only once/);
  });

  it("discards the rest of a body the app stopped reading, then closes the connection", async () => {
    let sendTheRest = () => {};
    let discarded: Promise<unknown> = Promise.resolve();
    const app: App = async (environ, startResponse) => {
      for await (const chunk of environ["gateway.input"]) {
        expect(decode(chunk)).toBe("first part,");
        break; // leaves the loop: the rest of the body is not wanted
      }
      sendTheRest();
      await discarded; // the server reads the rest to its end, and throws it away
      startResponse("200 OK", [["Content-Type", "text/plain"]]);
      return [encode("read one chunk")];
    };
    const server = await startServer(app);
    server.server.on("request", (req) => {
      discarded = new Promise((resolve) => req.on("end", resolve));
    });
    const client = await RawClient.connect(server.port);
    sendTheRest = () => client.socket.write("the rest of it");
    client.socket.write(
      "POST / HTTP/1.1\r\nHost: localhost\r\nContent-Length: 25\r\n\r\nfirst part,",
    );
    await client.closed;
    const { head, body } = splitResponse(client.received);
    expect(head).toMatch(/^HTTP\/1\.1 200 OK\r\n/);
    expect(head).toMatch(/\r\nConnection: close/i);
    expect(body).toBe("read one chunk");
  });
});
