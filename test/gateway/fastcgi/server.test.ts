import { once } from "node:events";
import type { Socket } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { collect, decode, encode } from "../../../gateway/bytes.ts";
import { ProtocolStatus, Role } from "../../../gateway/fastcgi/messages.ts";
import { encodePairs } from "../../../gateway/fastcgi/name-value.ts";
import { encodeRecord, RecordType } from "../../../gateway/fastcgi/records.ts";
import type { App } from "../../../gateway/types.ts";
import { endlessApp } from "../../support/endless-app.ts";
import {
  encodeBeginRequest,
  FastCGIClient,
  fastcgiRequest,
  params,
} from "../../support/fastcgi-client.ts";
import { signal } from "../../support/signal.ts";
import { until } from "../../support/until.ts";
import { closeFastCGIServers, startFastCGI } from "./servers.ts";

afterEach(closeFastCGIServers);

const TEXT: [string, string] = ["Content-Type", "text/plain; charset=utf-8"];

const hello: App = (environ, startResponse) => {
  startResponse("200 OK", [TEXT, ["X-Path", environ.PATH_INFO]]);
  return [encode(`Hello from ${environ.PATH_INFO}\n`)];
};

/** Answers with the request body, and how many chunks it came in. */
const echo: App = async (environ, startResponse) => {
  const chunks: Uint8Array[] = [];
  for await (const chunk of environ["gateway.input"]) chunks.push(chunk);
  startResponse("200 OK", [TEXT, ["X-Length", String(environ.CONTENT_LENGTH)]]);
  return [encode(decode(chunks))];
};

describe("the FastCGI server's answer", () => {
  it("is a CGI response in STDOUT records, then an END_REQUEST with REQUEST_COMPLETE", async () => {
    const { port } = await startFastCGI(hello);
    const answer = await fastcgiRequest(port, params({ PATH_INFO: "/hello" }));
    expect(answer.stdout.toString()).toMatch(/^Status: 200 OK\r\n/);
    expect(answer.status).toBe(200);
    expect(answer.headers).toContainEqual(TEXT);
    expect(answer.headers).toContainEqual(["X-Path", "/hello"]);
    expect(answer.headers).toContainEqual(["Content-Length", "18"]);
    expect(answer.body.toString()).toBe("Hello from /hello\n");
    expect(answer.end).toEqual({ appStatus: 0, protocolStatus: ProtocolStatus.REQUEST_COMPLETE });
    expect(answer.stderr).toBe("");
  });

  it("ends the STDOUT stream with an empty record before the END_REQUEST", async () => {
    const { port } = await startFastCGI(hello);
    const client = await FastCGIClient.connect(port);
    await client.request(params());
    const types = client.records.map((record) => [record.type, record.content.byteLength > 0]);
    expect(types.slice(-2)).toEqual([
      [RecordType.STDOUT, false],
      [RecordType.END_REQUEST, true],
    ]);
    client.close();
  });

  it("cuts output longer than 65535 bytes into several STDOUT records", async () => {
    const big = new Uint8Array(200_000).fill(97);
    const app: App = async function* (_environ, startResponse) {
      startResponse("200 OK", [["Content-Type", "application/octet-stream"]]);
      yield big;
      yield encode("end");
    };
    const { port } = await startFastCGI(app);
    const answer = await fastcgiRequest(port, params());
    expect(answer.body.byteLength).toBe(200_003);
    expect(answer.body.subarray(-3).toString()).toBe("end");
    expect(answer.stdoutRecords).toBeGreaterThanOrEqual(5); // head, 4 records for 200 000 bytes, "end"
  });

  it("answers HEAD on an endless body with its head, and finishes the body: its finally runs", async () => {
    const { app, finished } = endlessApp();
    const { port } = await startFastCGI(app);
    const answer = await fastcgiRequest(port, params({ REQUEST_METHOD: "HEAD" }));
    expect(answer.status).toBe(200);
    expect(answer.body.byteLength).toBe(0);
    expect(answer.headers.map(([name]) => name)).not.toContain("Content-Length");
    await finished.promise;
  });

  it("drops the body of a HEAD answer", async () => {
    const { port } = await startFastCGI(hello);
    const answer = await fastcgiRequest(port, params({ REQUEST_METHOD: "HEAD" }));
    expect(answer.status).toBe(200);
    expect(answer.headers).toContainEqual(["Content-Length", "13"]); // "Hello from /\n"
    expect(answer.body.byteLength).toBe(0);
  });
});

describe("the environ of a FastCGI request", () => {
  it("holds the CGI meta-variables from PARAMS, and the traits of a long-running server", async () => {
    let seen: Record<string, unknown> = {};
    const app: App = (environ, startResponse) => {
      seen = { ...environ };
      startResponse("204 No Content", []);
      return [];
    };
    const { port } = await startFastCGI(app);
    const env = params({
      REQUEST_METHOD: "GET",
      SCRIPT_NAME: "/app",
      PATH_INFO: "/caf\u00e9",
      QUERY_STRING: "x=1",
      REQUEST_URI: "/app/caf%C3%A9?x=1",
      HTTP_USER_AGENT: "test\u00ff",
      SCRIPT_FILENAME: "/srv/app", // not a CGI meta-variable: left out
    });
    await fastcgiRequest(port, env);
    expect(seen).toMatchObject({
      REQUEST_METHOD: "GET",
      SCRIPT_NAME: "/app",
      PATH_INFO: "/café",
      QUERY_STRING: "x=1",
      REQUEST_URI: "/app/caf%C3%A9?x=1",
      SERVER_NAME: "localhost",
      SERVER_PORT: "8080",
      SERVER_PROTOCOL: "HTTP/1.1",
      REMOTE_ADDR: "127.0.0.1",
      HTTP_HOST: "localhost:8080",
      "gateway.version": [1, 0],
      "gateway.url_scheme": "http",
      "gateway.multithread": false,
      "gateway.multiprocess": false,
      "gateway.run_once": false,
    });
    // Header values are latin-1, as node:http gives them: the UTF-8 bytes of "ÿ", one char each.
    expect(seen.HTTP_USER_AGENT).toBe("test\u00c3\u00bf");
    expect(seen).not.toHaveProperty("SCRIPT_FILENAME");
    // nginx sends these empty on a GET: they count as unset.
    expect(seen).not.toHaveProperty("CONTENT_LENGTH");
    expect(seen).not.toHaveProperty("CONTENT_TYPE");
  });

  it("says https when the web server sets HTTPS=on", async () => {
    let scheme = "";
    const app: App = (environ, startResponse) => {
      scheme = environ["gateway.url_scheme"];
      startResponse("204 No Content", []);
      return [];
    };
    const { port } = await startFastCGI(app);
    await fastcgiRequest(port, params({ HTTPS: "on" }));
    expect(scheme).toBe("https");
  });

  it("keeps SCRIPT_NAME as the web server sent it (Apache sends the whole path there)", async () => {
    let seen: [string, string] = ["", ""];
    const app: App = (environ, startResponse) => {
      seen = [environ.SCRIPT_NAME, environ.PATH_INFO];
      startResponse("204 No Content", []);
      return [];
    };
    const { port } = await startFastCGI(app);
    await fastcgiRequest(port, params({ SCRIPT_NAME: "/app/hello", PATH_INFO: "" }));
    expect(seen).toEqual(["/app/hello", ""]);
  });

  it("answers 400 to a path that is not UTF-8, and never calls the app", async () => {
    let called = false;
    const app: App = (_environ, startResponse) => {
      called = true;
      startResponse("200 OK", [TEXT]);
      return [];
    };
    const { port, errors } = await startFastCGI(app);
    const client = await FastCGIClient.connect(port);
    await client.begin();
    const pairs = Buffer.concat([encodePairs(Object.entries(params())), encodePairs([])]);
    const badPath = Buffer.from([9, 3, ...Buffer.from("PATH_INFO"), 0x2f, 0xff, 0xfe]);
    await client.send(RecordType.PARAMS, 1, Buffer.concat([pairs, badPath]));
    await client.send(RecordType.PARAMS, 1);
    await client.stdin("");
    const answer = await client.answer();
    expect(answer.status).toBe(400);
    expect(answer.body.toString()).toBe(
      "Bad Request: the PATH_INFO parameter is not valid UTF-8\n",
    );
    expect(answer.stderr).toContain("Bad FastCGI request");
    expect(errors.text).toContain("Bad FastCGI request");
    expect(called).toBe(false);
    client.close();
  });

  it("joins a header the web server passes twice, as nginx passes a repeated Cookie or X-Forwarded-For", async () => {
    let seen: Record<string, unknown> = {};
    const app: App = (environ, startResponse) => {
      seen = {
        HTTP_COOKIE: environ.HTTP_COOKIE,
        HTTP_X_FORWARDED_FOR: environ.HTTP_X_FORWARDED_FOR,
      };
      startResponse("204 No Content", []);
      return [];
    };
    const { port } = await startFastCGI(app);
    await fastcgiRequest(port, [
      ...Object.entries(params()),
      ["HTTP_COOKIE", "a=1"],
      ["HTTP_COOKIE", "b=2"],
      ["HTTP_X_FORWARDED_FOR", "10.0.0.1"],
      ["HTTP_X_FORWARDED_FOR", "10.0.0.2"],
    ]);
    expect(seen).toEqual({ HTTP_COOKIE: "a=1; b=2", HTTP_X_FORWARDED_FOR: "10.0.0.1, 10.0.0.2" });
  });

  it("answers 400 to a header that holds one value passed twice, as node:http does", async () => {
    const { port } = await startFastCGI(hello);
    const answer = await fastcgiRequest(port, [
      ...Object.entries(params()),
      ["HTTP_HOST", "evil.example"],
    ]);
    expect(answer.status).toBe(400);
    expect(answer.body.toString()).toBe(
      "Bad Request: the request has more than one host header, which holds a single value\n",
    );
  });

  it("keeps the last of a meta-variable passed twice, as nginx sends SCRIPT_NAME over fastcgi_params", async () => {
    let seen = "";
    const app: App = (environ, startResponse) => {
      seen = environ.SCRIPT_NAME;
      startResponse("204 No Content", []);
      return [];
    };
    const { port } = await startFastCGI(app);
    await fastcgiRequest(port, [
      ...Object.entries(params({ SCRIPT_NAME: "/first" })),
      ["SCRIPT_NAME", "/app"],
    ]);
    expect(seen).toBe("/app");
  });

  it("leaves out a parameter whose name holds a dot, which would read as a namespaced key", async () => {
    let seen: Record<string, unknown> = {};
    const app: App = (environ, startResponse) => {
      seen = environ as unknown as Record<string, unknown>;
      startResponse("204 No Content", []);
      return [];
    };
    const { port } = await startFastCGI(app);
    await fastcgiRequest(port, params({ "HTTP_X.CUSTOM": "1" }));
    expect(seen).not.toHaveProperty("HTTP_X.CUSTOM");
  });

  it("answers 400 to a CONTENT_LENGTH that is not a number", async () => {
    const { port } = await startFastCGI(hello);
    const answer = await fastcgiRequest(port, params({ CONTENT_LENGTH: "lots" }));
    expect(answer.status).toBe(400);
    expect(answer.end.protocolStatus).toBe(ProtocolStatus.REQUEST_COMPLETE);
  });
});

describe("the request body on STDIN", () => {
  it("is gateway.input: the STDIN stream", async () => {
    const { port } = await startFastCGI(echo);
    const env = params({ REQUEST_METHOD: "POST", CONTENT_LENGTH: "8", CONTENT_TYPE: "text/plain" });
    const answer = await fastcgiRequest(port, env, "name=Ada");
    expect(answer.body.toString()).toBe("name=Ada");
    expect(answer.headers).toContainEqual(["X-Length", "8"]);
  });

  it("is read whole, or empty, by an app that opens it only after the body has arrived", async () => {
    const later: App = async (environ, startResponse) => {
      // A turn of the event loop: the STDIN records, sent with the parameters, are read meanwhile.
      await new Promise((resolve) => setImmediate(resolve));
      const body = await collect(environ["gateway.input"]);
      startResponse("200 OK", [["Content-Type", "text/plain"]]);
      return [encode(`[${decode([body])}]`)];
    };
    const { port } = await startFastCGI(later);
    const posted = await fastcgiRequest(port, params({ REQUEST_METHOD: "POST" }), "name=Ada");
    expect(posted.body.toString()).toBe("[name=Ada]");
    const empty = await fastcgiRequest(port, params());
    expect(empty.body.toString()).toBe("[]");
  });

  it("reads STDIN to its empty record when there is no CONTENT_LENGTH, as Apache streams a chunked upload", async () => {
    const { port } = await startFastCGI(echo);
    const env = params({ REQUEST_METHOD: "POST", CONTENT_LENGTH: "" });
    const answer = await fastcgiRequest(port, env, "sent chunked");
    expect(answer.body.toString()).toBe("sent chunked");
  });

  it("reads STDIN to its empty record whatever CONTENT_LENGTH says: the record marks the end", async () => {
    const { port } = await startFastCGI(echo);
    const shorter = await fastcgiRequest(port, params({ CONTENT_LENGTH: "3" }), "hello");
    expect(shorter.body.toString()).toBe("hello");
    const longer = await fastcgiRequest(port, params({ CONTENT_LENGTH: "50" }), "hello");
    expect([longer.status, longer.body.toString()]).toEqual([200, "hello"]);
  });

  it("gathers a body sent in many STDIN records and many TCP writes", async () => {
    const { port } = await startFastCGI(echo);
    const body = "abcdefghij".repeat(400);
    const client = await FastCGIClient.connect(port);
    await client.begin();
    await client.params(params({ REQUEST_METHOD: "POST", CONTENT_LENGTH: String(body.length) }));
    await client.stdin(body, 1, 10); // 400 records, each its own write
    const answer = await client.answer();
    expect(answer.body.toString()).toBe(body);
    client.close();
  });

  it("reads records split across TCP chunks anywhere, even one byte at a time", async () => {
    const { port } = await startFastCGI(echo);
    const client = await FastCGIClient.connect(port);
    client.socket.setNoDelay(true);
    const env = params({ REQUEST_METHOD: "POST", CONTENT_LENGTH: "5" });
    const bytes = Buffer.concat([
      encodeRecord(RecordType.BEGIN_REQUEST, 1, Buffer.from([0, 1, 0, 0, 0, 0, 0, 0])),
      encodeRecord(RecordType.PARAMS, 1, encodePairs(Object.entries(env))),
      encodeRecord(RecordType.PARAMS, 1),
      encodeRecord(RecordType.STDIN, 1, encode("hello")),
      encodeRecord(RecordType.STDIN, 1),
    ]);
    for (const byte of bytes) await client.write(Buffer.from([byte]));
    const answer = await client.answer();
    expect(answer.body.toString()).toBe("hello");
    client.close();
  });

  it("can be read only once", async () => {
    const app: App = async (environ, startResponse) => {
      await collect(environ["gateway.input"]);
      startResponse("200 OK", [TEXT]);
      try {
        await collect(environ["gateway.input"]);
        return [encode("read twice")];
      } catch (error) {
        return [encode((error as Error).message)];
      }
    };
    const { port } = await startFastCGI(app);
    const env = params({ REQUEST_METHOD: "POST", CONTENT_LENGTH: "2" });
    const answer = await fastcgiRequest(port, env, "hi");
    expect(answer.body.toString()).toContain("gateway.input can be read only once");
  });

  it("lets the app answer before it reads the body, and keeps the connection usable", async () => {
    const { port } = await startFastCGI(hello);
    const client = await FastCGIClient.connect(port);
    const big = new Uint8Array(300_000).fill(120);
    const env = params({ REQUEST_METHOD: "POST", CONTENT_LENGTH: String(big.byteLength) });
    const first = await client.request(env, big, { keepConnection: true });
    expect(first.body.toString()).toBe("Hello from /\n");
    const second = await client.request(params({ PATH_INFO: "/again" }), "", {
      keepConnection: true,
    });
    expect(second.body.toString()).toBe("Hello from /again\n");
    client.close();
  });
});

describe("the connection after a request", () => {
  it("stays open for the next request with FCGI_KEEP_CONN", async () => {
    const { port } = await startFastCGI(hello);
    const client = await FastCGIClient.connect(port);
    const first = await client.request(params({ PATH_INFO: "/one" }), "", { keepConnection: true });
    const second = await client.request(params({ PATH_INFO: "/two" }), "", {
      keepConnection: true,
      requestId: 2,
    });
    expect(first.body.toString()).toBe("Hello from /one\n");
    expect(second.body.toString()).toBe("Hello from /two\n");
    expect(client.socket.destroyed).toBe(false);
    client.close();
  });

  it("is closed by the server after the request without FCGI_KEEP_CONN", async () => {
    const { port } = await startFastCGI(hello);
    const client = await FastCGIClient.connect(port);
    const answer = await client.request(params());
    expect(answer.status).toBe(200);
    await client.closed;
  });

  it("is closed by the server once it has been idle for the idle timeout", async () => {
    const { port } = await startFastCGI(hello, { idleTimeout: 20 });
    const client = await FastCGIClient.connect(port);
    await client.closed; // a web server that connects and sends nothing holds no slot for ever
  });

  it("is closed once idle when a request's PARAMS or STDIN stall before its app started", async () => {
    // The idle timeout is made short only once the server has read the half request: a short
    // one from the start could close the connection before it came, which is not this case.
    const server = await startFastCGI(hello, { idleTimeout: 60_000 });
    const begin = encodeRecord(
      RecordType.BEGIN_REQUEST,
      1,
      encodeBeginRequest(Role.RESPONDER, true),
    );
    const someParams = encodePairs(Object.entries(params()));
    const someBody = encode("a body before the end of PARAMS");
    const halves = [
      Buffer.concat([begin, encodeRecord(RecordType.PARAMS, 1, someParams)]),
      Buffer.concat([begin, encodeRecord(RecordType.STDIN, 1, someBody)]),
    ];
    for (const half of halves) {
      const accepted = once(server.server, "connection") as Promise<[Socket]>;
      const client = await FastCGIClient.connect(server.port);
      const [socket] = await accepted;
      await client.write(half);
      await until(() => socket.bytesRead === half.byteLength, "the half request to be read");
      socket.setTimeout(20);
      await client.closed;
    }
  });

  it("is never closed for being idle while a request is under way", async () => {
    const started = signal();
    const goOn = signal();
    const slow: App = async (_environ, startResponse) => {
      started.resolve();
      await goOn.promise;
      startResponse("204 No Content", []);
      return [];
    };
    // The idle timeout is made short only once the app runs: a short one from the start could
    // rightly close the connection of a busy machine before its request is read.
    const server = await startFastCGI(slow, { idleTimeout: 60_000 });
    const accepted = once(server.server, "connection") as Promise<[Socket]>;
    const client = await FastCGIClient.connect(server.port);
    const [socket] = await accepted;
    const answer = client.request(params(), "", { keepConnection: true });
    await started.promise;
    socket.setTimeout(20);
    await once(socket, "timeout"); // the app is still waiting: nothing moves on the connection
    const cut = socket.destroyed;
    goOn.resolve();
    expect(cut).toBe(false);
    expect((await answer).status).toBe(204);
    await once(socket, "close"); // idle once the request is over
  });
});
