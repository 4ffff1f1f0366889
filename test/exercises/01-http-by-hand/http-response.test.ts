/** Exercise 01-http-response: the bytes of an HTTP/1.1 response, by hand. */
import { once } from "node:events";
import net from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { exerciseExport, lessonSection } from "../load-exercise.ts";

const section = lessonSection("01-http-by-hand", "Exercise: write an HTTP response");
const file = "01-http-by-hand/http-response.ts";

type HttpResponse = (status: string, contentType: string, text: string) => Uint8Array;

async function response(status: string, contentType: string, text: string): Promise<Buffer> {
  const httpResponse = await exerciseExport<HttpResponse>(
    file,
    "httpResponse",
    "function",
    section,
  );
  const bytes = httpResponse(status, contentType, text);
  expect(
    bytes instanceof Uint8Array,
    `httpResponse must return bytes (a Uint8Array or Buffer); ${section.see}`,
  ).toBe(true);
  return Buffer.from(bytes);
}

let server: net.Server | undefined;

afterEach(async () => {
  const closing = server;
  server = undefined;
  if (closing) await new Promise((resolve) => closing.close(resolve));
});

describe("01-http-response", () => {
  it("writes the status line, the headers, an empty line and the body", async () => {
    const bytes = await response("200 OK", "text/plain; charset=utf-8", "Hello World!\n");
    expect(
      bytes.toString("latin1"),
      `expected exactly these bytes: each head line ends in \\r\\n, then an empty line; ${section.see}`,
    ).toBe(
      "HTTP/1.1 200 OK\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: 13\r\n\r\nHello World!\n",
    );
  });

  it("counts the body in bytes, not characters", async () => {
    const bytes = await response("404 Not Found", "text/plain; charset=utf-8", "Grüße\n");
    const head = bytes.toString("latin1", 0, bytes.indexOf("\r\n\r\n"));
    expect(head, `the status line must be "HTTP/1.1 404 Not Found"; ${section.see}`).toMatch(
      /^HTTP\/1\.1 404 Not Found\r\n/,
    );
    expect(
      head,
      `"Grüße\\n" is 6 characters but 8 bytes in UTF-8: Content-Length must say 8; ${section.see}`,
    ).toContain("Content-Length: 8");
    expect(
      bytes.subarray(bytes.indexOf("\r\n\r\n") + 4).toString("utf8"),
      `the body must be the text, encoded as UTF-8; ${section.see}`,
    ).toBe("Grüße\n");
  });

  it("can be read by a real HTTP client", async () => {
    const bytes = await response("200 OK", "text/plain; charset=utf-8", "Grüße!\n");
    server = net.createServer((socket) => {
      socket.once("data", () => socket.end(bytes));
    });
    server.listen(0, "127.0.0.1");
    await once(server, "listening");
    const { port } = server.address() as net.AddressInfo;
    const answer = await fetch(`http://127.0.0.1:${port}/`);
    expect(answer.status, `fetch() must read your status line; ${section.see}`).toBe(200);
    expect(await answer.text(), `fetch() must read your body whole; ${section.see}`).toBe(
      "Grüße!\n",
    );
  });
});
