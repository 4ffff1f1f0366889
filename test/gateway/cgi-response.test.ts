import { describe, expect, it } from "vitest";
import { decode, encode } from "../../gateway/bytes.ts";
import { BadGateway, parseHead, readHead } from "../../gateway/cgi-response.ts";

async function* chunks(...texts: string[]): AsyncGenerator<Uint8Array> {
  for (const text of texts) yield encode(text);
}

describe("readHead", () => {
  it("finds the blank line after LF line ends, even split across chunks", async () => {
    const read = await readHead(chunks("Content-Type: text/plain\n", "\nHello", " World"));
    expect(read?.head).toBe("Content-Type: text/plain\n");
    expect(decode(read?.body ?? new Uint8Array())).toBe("Hello");
  });

  it("finds the blank line after CRLF line ends", async () => {
    const read = await readHead(
      chunks("Status: 200 OK\r\nContent-Type: text/plain\r", "\n\r\nbody"),
    );
    expect(read?.head).toBe("Status: 200 OK\r\nContent-Type: text/plain\r\n");
    expect(decode(read?.body ?? new Uint8Array())).toBe("body");
  });

  it("reads header bytes as latin-1, as HTTP does", async () => {
    const bytes = Uint8Array.from([...encode("X-Name: caf"), 0xe9, 0x0a, 0x0a]);
    const read = await readHead(
      (async function* () {
        yield bytes;
      })(),
    );
    expect(read?.head).toBe("X-Name: café\n");
  });

  it("returns nothing when the output ends before the blank line", async () => {
    expect(await readHead(chunks("Content-Type: text/plain\n"))).toBeUndefined();
  });

  it("gives up on a head that never ends", async () => {
    const endless = (async function* () {
      for (;;) yield encode(`X-Filler: ${"x".repeat(1000)}\n`);
    })();
    await expect(readHead(endless)).rejects.toThrow(/without the blank line/);
  });
});

describe("parseHead", () => {
  it("takes the status from the Status field and passes the other headers on", () => {
    const answer = parseHead("Status: 404 Not Found\nContent-Type: text/plain\nX-Trace: 1\n");
    expect(answer).toEqual({
      status: "404 Not Found",
      headers: [
        ["Content-Type", "text/plain"],
        ["X-Trace", "1"],
      ],
    });
  });

  it("answers 200 OK when there is no Status, and adds a missing reason phrase", () => {
    expect(parseHead("Content-Type: text/html\r\n").status).toBe("200 OK");
    expect(parseHead("Status: 418\nContent-Type: text/plain\n").status).toBe("418 I'm a Teapot");
  });

  it("treats a Location with a local path and no Status as a local redirect", () => {
    expect(parseHead("Location: /other/page?x=1\n")).toEqual({
      status: "200 OK",
      headers: [],
      localRedirect: "/other/page?x=1",
    });
  });

  it("treats a local Location with Status 200 as a local redirect, as Apache does", () => {
    const answer = parseHead("Status: 200 OK\r\nLocation: /other\r\nContent-Type: text/plain\r\n");
    expect(answer.localRedirect).toBe("/other");
  });

  it("answers 302 Found for a client redirect without a Status", () => {
    const answer = parseHead("Location: https://example.com/\n");
    expect(answer.status).toBe("302 Found");
    expect(answer.localRedirect).toBeUndefined();
    expect(answer.headers).toContainEqual(["Location", "https://example.com/"]);
  });

  it("keeps the Status a program gives with a Location, and never takes //host for a local path", () => {
    const seeOther = parseHead(
      "Status: 303 See Other\nLocation: /done\nContent-Type: text/plain\n",
    );
    expect(seeOther.status).toBe("303 See Other");
    expect(seeOther.localRedirect).toBeUndefined();
    expect(parseHead("Location: //evil.example/\n").status).toBe("302 Found");
  });

  it("accepts a 204 answer without a Content-Type", () => {
    expect(parseHead("Status: 204 No Content\n")).toEqual({
      status: "204 No Content",
      headers: [],
    });
  });

  it.each([
    ["no CGI field at all", "X-Only: this\n", /none of Content-Type, Location or Status/],
    ["an empty head", "", /none of Content-Type/],
    ["a line that is not a header", "Content-Type: text/plain\nnot a header\n", /without a name/],
    ["a bad status", "Status: OK\nContent-Type: text/plain\n", /not three digits/],
    ["a repeated CGI field", "Content-Type: a/b\nContent-Type: c/d\n", /2 times/],
    ["a document without Content-Type", "Status: 200 OK\n", /without a Content-Type/],
    [
      "a header the server manages",
      "Content-Type: a/b\nTransfer-Encoding: chunked\n",
      /hop-by-hop/,
    ],
    ["a header name with a space", "Content-Type: a/b\nX Trace: 1\n", /invalid header name/],
  ])("refuses %s", (_case, head, reason) => {
    expect(() => parseHead(head)).toThrow(BadGateway);
    expect(() => parseHead(head)).toThrow(reason);
  });
});
