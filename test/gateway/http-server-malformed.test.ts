import { afterEach, describe, expect, it } from "vitest";
import { encode } from "../../gateway/bytes.ts";
import type { App } from "../../gateway/types.ts";
import { closeServers, fetchRaw, rawExchange, splitResponse, startServer } from "./http-helpers.ts";

afterEach(closeServers);

const hello: App = (_environ, startResponse) => {
  startResponse("200 OK", [["Content-Type", "text/plain"]]);
  return [encode("hello")];
};

/** Sends `bytes` to a fresh server, then checks that a good request still gets its answer. */
async function answerTo(bytes: string): Promise<{ status: string; body: string }> {
  const { url, port } = await startServer(hello);
  const raw = await rawExchange(port, bytes);
  const { head, body } = splitResponse(raw);
  expect((await fetchRaw(url)).body.toString()).toBe("hello");
  return { status: head.split("\r\n")[0] ?? "", body };
}

describe("malformed requests on the node:http server", () => {
  it("answers 400 with a reason to a request line that is not HTTP", async () => {
    const { status, body } = await answerTo("HELLO THERE\r\n\r\n");
    expect(status).toBe("HTTP/1.1 400 Bad Request");
    expect(body).toMatch(/^400 Bad Request: malformed request \(HPE_\w+\)\n$/);
  });

  it("answers 400 with a reason to a header line without a colon", async () => {
    const { status, body } = await answerTo("GET / HTTP/1.1\r\nHost: x\r\nno colon here\r\n\r\n");
    expect(status).toBe("HTTP/1.1 400 Bad Request");
    expect(body).toContain("malformed request");
  });

  it("answers 400 to a header value with a bare CR in it", async () => {
    const { status } = await answerTo("GET / HTTP/1.1\r\nHost: x\r\nX-A: 1\rX-B: 2\r\n\r\n");
    expect(status).toBe("HTTP/1.1 400 Bad Request");
  });

  it("answers 431 with a reason to headers larger than 16 KiB", async () => {
    const big = `X-Big: ${"a".repeat(17 * 1024)}`;
    const { status, body } = await answerTo(`GET / HTTP/1.1\r\nHost: x\r\n${big}\r\n\r\n`);
    expect(status).toBe("HTTP/1.1 431 Request Header Fields Too Large");
    expect(body).toContain("the request headers are too large");
  });

  it("closes the connection after answering a malformed request", async () => {
    const { port } = await startServer(hello);
    const raw = await rawExchange(port, "HELLO THERE\r\n\r\nGET / HTTP/1.1\r\nHost: x\r\n\r\n");
    expect(raw).toMatch(/\r\nConnection: close\r\n/);
    expect(raw.match(/HTTP\/1\.1 /g)).toHaveLength(1);
  });
});
