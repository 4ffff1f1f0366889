/**
 * The test client answers as the `node:http` server does: each request
 * below goes over a real socket to `serve()`, and in-process to the test
 * client, and the two answers must agree. A test that passes in-process
 * then means the same over a socket.
 */
import { afterEach, describe, expect, it } from "vitest";
import { encode } from "../../gateway/bytes.ts";
import { TestClient } from "../../gateway/test-client.ts";
import type { App } from "../../gateway/types.ts";
import { closeServers, rawExchange, splitResponse, startServer } from "./http-helpers.ts";

afterEach(closeServers);

/** Answers with the request's CGI variables that both sides share, as JSON. */
const showRequest: App = (environ, startResponse) => {
  const { PATH_INFO, QUERY_STRING, REQUEST_URI, HTTP_HOST, HTTP_COOKIE } = environ;
  const shown = { PATH_INFO, QUERY_STRING, REQUEST_URI, HTTP_HOST, HTTP_COOKIE };
  startResponse("200 OK", [["Content-Type", "application/json"]]);
  return [encode(JSON.stringify(shown))];
};

interface Answer {
  status: number;
  body: string;
}

/** One request, as a raw request line and header lines. */
interface Case {
  method: string;
  target: string;
  headers: Array<[string, string]>;
}

async function overSocket({ method, target, headers }: Case): Promise<Answer> {
  const { port } = await startServer(showRequest);
  const lines = [`${method} ${target} HTTP/1.1`, ...headers.map((pair) => pair.join(": "))];
  const raw = await rawExchange(port, `${lines.join("\r\n")}\r\nConnection: close\r\n\r\n`);
  const { head, body } = splitResponse(raw);
  return { status: Number(head.slice(9, 12)), body };
}

async function inProcess({ method, target, headers }: Case): Promise<Answer> {
  const client = new TestClient(showRequest, { validate: false });
  const response = await client.request(method, target, { headers });
  return { status: response.statusCode, body: response.text };
}

const HOST: [string, string] = ["Host", "localhost"];

/** Sends `request` both ways, expects the same answer, and returns it. */
async function bothWays(request: Case): Promise<Answer> {
  const [socket, client] = await Promise.all([overSocket(request), inProcess(request)]);
  expect(client, "the test client answers as the server did").toEqual(socket);
  return client;
}

describe("the test client answers as the node:http server does", () => {
  it("refuses a second Host with a 400 that says why", async () => {
    const answer = await bothWays({
      method: "GET",
      target: "/",
      headers: [HOST, ["Host", "evil.example"]],
    });
    expect(answer.status).toBe(400);
    expect(answer.body).toContain("more than one host header");
  });

  it("joins repeated Cookie lines with a semicolon", async () => {
    const answer = await bothWays({
      method: "GET",
      target: "/",
      headers: [HOST, ["Cookie", "a=1"], ["Cookie", "b=2"]],
    });
    expect(JSON.parse(answer.body)).toMatchObject({ HTTP_COOKIE: "a=1; b=2" });
  });

  it("takes a full URL's host over the Host header, and its path", async () => {
    const answer = await bothWays({
      method: "GET",
      target: "http://example.org:8080/a%20b?x=1",
      headers: [HOST],
    });
    expect(JSON.parse(answer.body)).toEqual({
      PATH_INFO: "/a b",
      QUERY_STRING: "x=1",
      REQUEST_URI: "/a%20b?x=1",
      HTTP_HOST: "example.org:8080",
    });
  });

  it("refuses a full URL with a user name and password", async () => {
    const answer = await bothWays({
      method: "GET",
      target: "http://user:pass@example.com:8080/foo",
      headers: [HOST],
    });
    expect(answer.status).toBe(400);
  });

  it("drops a fragment", async () => {
    const answer = await bothWays({ method: "GET", target: "/p?page=1#x", headers: [HOST] });
    expect(JSON.parse(answer.body)).toMatchObject({
      QUERY_STRING: "page=1",
      REQUEST_URI: "/p?page=1",
    });
  });

  it("refuses GET *", async () => {
    expect((await bothWays({ method: "GET", target: "*", headers: [HOST] })).status).toBe(400);
  });

  it("refuses a raw space or a character outside ASCII in the path, which a client sends encoded", async () => {
    for (const target of ["/a b", "/café"]) {
      const [socket, client] = await Promise.all([
        overSocket({ method: "GET", target, headers: [HOST] }),
        inProcess({ method: "GET", target, headers: [HOST] }),
      ]);
      // Node's parser gives its own reason; the test client says what to send instead.
      expect([socket.status, client.status], target).toEqual([400, 400]);
      expect(client.body).toContain('encodeURI("/a b") is "/a%20b"');
    }
  });
});
