import { once } from "node:events";
import http from "node:http";
import zlib from "node:zlib";
import { afterEach, describe, expect, it } from "vitest";
import { decode, encode } from "../../../gateway/bytes.ts";
import { compression } from "../../../gateway/kit/compression.ts";
import { TestClient } from "../../../gateway/test-client.ts";
import type { App, Chunk, Headers } from "../../../gateway/types.ts";
import { closeServers, startServer } from "../http-helpers.ts";

const PAGE = `<!doctype html><title>t</title>${"<p>Hello, compressed world!</p>\n".repeat(200)}`;
const GZIP = { "Accept-Encoding": "gzip" };
const BR = { "Accept-Encoding": "br" };

/** An app that answers `status` with `body` and these headers, plus its Content-Length. */
function answering(headers: Headers, body = PAGE, status = "200 OK"): App {
  return (_environ, startResponse) => {
    const bytes = encode(body);
    startResponse(status, [...headers, ["Content-Length", String(bytes.byteLength)]]);
    return [bytes];
  };
}

const html: Headers = [["Content-Type", "text/html; charset=utf-8"]];
const client = new TestClient(compression()(answering(html)));

function gunzip(body: Uint8Array): string {
  return decode(zlib.gunzipSync(body));
}

describe("compression: choosing a coding", () => {
  it("gzips for a client that accepts gzip, and the body decompresses to the original", async () => {
    const response = await client.get("/", { headers: GZIP });
    expect(response.header("Content-Encoding")).toBe("gzip");
    expect(gunzip(response.body)).toBe(PAGE);
    expect(response.body.byteLength).toBeLessThan(PAGE.length / 5);
    expect(response.header("Vary")).toBe("Accept-Encoding");
  });

  it("compresses with brotli for a client that accepts br", async () => {
    const response = await client.get("/", { headers: BR });
    expect(response.header("Content-Encoding")).toBe("br");
    expect(decode(zlib.brotliDecompressSync(response.body))).toBe(PAGE);
  });

  it("prefers br when the client weighs br and gzip the same, and follows q otherwise", async () => {
    const tie = await client.get("/", { headers: { "Accept-Encoding": "gzip, deflate, br" } });
    expect(tie.header("Content-Encoding")).toBe("br");
    const weighed = await client.get("/", { headers: { "Accept-Encoding": "br;q=0.2, gzip" } });
    expect(weighed.header("Content-Encoding")).toBe("gzip");
  });

  it("replaces the Content-Length by the compressed one", async () => {
    const response = await client.get("/", { headers: GZIP });
    expect(response.header("Content-Length")).toBe(String(response.body.byteLength));
    expect(response.headerAll("Content-Length")).toHaveLength(1);
  });

  it.each([
    ["no Accept-Encoding", {}],
    ["identity", { "Accept-Encoding": "identity" }],
    ["every coding at q=0", { "Accept-Encoding": "gzip;q=0, br;q=0" }],
    ["every coding refused with *;q=0", { "Accept-Encoding": "*;q=0" }],
    ["identity;q=0 alone, since nothing else can be sent", { "Accept-Encoding": "identity;q=0" }],
  ])("sends the body as it is for %s, still with Vary", async (_name, headers) => {
    const response = await client.get("/", { headers });
    expect(response.header("Content-Encoding")).toBeUndefined();
    expect(response.text).toBe(PAGE);
    expect(response.header("Vary")).toBe("Accept-Encoding");
  });
});

describe("compression: answers left alone", () => {
  it("leaves HEAD uncompressed, with its Content-Length and Vary", async () => {
    const response = await client.request("HEAD", "/", { headers: GZIP });
    expect(response.header("Content-Encoding")).toBeUndefined();
    expect(response.header("Content-Length")).toBe(String(PAGE.length));
    expect(response.header("Vary")).toBe("Accept-Encoding");
  });

  it.each<[string, Headers]>([
    ["204 No Content", []],
    ["304 Not Modified", [["ETag", '"x"']]],
  ])("leaves a %s untouched", async (status, headers) => {
    const app: App = (_environ, startResponse) => {
      startResponse(status, headers);
      return [];
    };
    const response = await new TestClient(compression()(app)).get("/", { headers: GZIP });
    expect(response.status).toBe(status);
    expect(response.header("Content-Encoding")).toBeUndefined();
    expect(response.header("Vary")).toBeUndefined();
  });

  it("leaves a 206 range untouched: its bytes count the uncompressed file", async () => {
    const partial = answering(
      [...html, ["Content-Range", "bytes 0-4/9000"]],
      "Hello",
      "206 Partial Content",
    );
    const response = await new TestClient(compression({ threshold: 0 })(partial)).get("/", {
      headers: GZIP,
    });
    expect([response.text, response.header("Content-Encoding")]).toEqual(["Hello", undefined]);
  });

  it.each([
    "image/png",
    "image/jpeg",
    "video/mp4",
    "audio/mpeg",
    "font/woff2",
    "application/zip",
    "application/gzip",
    "application/octet-stream",
  ])("leaves %s alone, as it is compressed already", async (type) => {
    const app = compression()(answering([["Content-Type", type]]));
    const response = await new TestClient(app).get("/", { headers: GZIP });
    expect(response.header("Content-Encoding")).toBeUndefined();
    expect(response.header("Vary")).toBeUndefined();
    expect(response.text).toBe(PAGE);
  });

  it("compresses SVG, which is text", async () => {
    const app = compression()(answering([["Content-Type", "image/svg+xml"]]));
    const response = await new TestClient(app).get("/", { headers: GZIP });
    expect(response.header("Content-Encoding")).toBe("gzip");
  });

  it("leaves an answer that already has a Content-Encoding alone", async () => {
    const app = compression()(answering([...html, ["Content-Encoding", "identity"]]));
    const response = await new TestClient(app).get("/", { headers: GZIP });
    expect(response.headerAll("Content-Encoding")).toEqual(["identity"]);
    expect(response.text).toBe(PAGE);
  });

  it("leaves an answer marked Cache-Control: no-transform alone", async () => {
    const app = compression()(answering([...html, ["Cache-Control", "public, no-transform"]]));
    const response = await new TestClient(app).get("/", { headers: GZIP });
    expect(response.header("Content-Encoding")).toBeUndefined();
  });

  it("leaves a body smaller than the threshold alone, and compresses one at the threshold", async () => {
    const small = compression({ threshold: 100 })(answering(html, "x".repeat(99)));
    const tiny = await new TestClient(small).get("/", { headers: GZIP });
    expect([tiny.header("Content-Encoding"), tiny.header("Vary"), tiny.text]).toEqual([
      undefined,
      undefined,
      "x".repeat(99),
    ]);
    const enough = compression({ threshold: 100 })(answering(html, "x".repeat(100)));
    const big = await new TestClient(enough).get("/", { headers: GZIP });
    expect(big.header("Content-Encoding")).toBe("gzip");
  });
});

describe("compression: headers", () => {
  it("makes a strong ETag weak, and keeps a weak one", async () => {
    const strong = compression()(answering([...html, ["ETag", '"v1"']]));
    expect((await new TestClient(strong).get("/", { headers: GZIP })).header("ETag")).toBe(
      'W/"v1"',
    );
    const weak = compression()(answering([...html, ["ETag", 'W/"v1"']]));
    expect((await new TestClient(weak).get("/", { headers: GZIP })).header("ETag")).toBe('W/"v1"');
  });

  it("drops Accept-Ranges from a compressed answer, whose bytes a range cannot count", async () => {
    const ranged = compression()(answering([...html, ["Accept-Ranges", "bytes"]]));
    const compressed = await new TestClient(ranged).get("/", { headers: GZIP });
    expect(compressed.header("Accept-Ranges")).toBeUndefined();
    const asItIs = await new TestClient(ranged).get("/");
    expect(asItIs.header("Accept-Ranges")).toBe("bytes");
  });

  it("adds Accept-Encoding to an existing Vary, once", async () => {
    const cookie = compression()(answering([...html, ["Vary", "Cookie"]]));
    const response = await new TestClient(cookie).get("/", { headers: GZIP });
    expect(response.headerAll("Vary")).toEqual(["Cookie, Accept-Encoding"]);
    const already = compression()(answering([...html, ["Vary", "accept-encoding"]]));
    const again = await new TestClient(already).get("/", { headers: GZIP });
    expect(again.headerAll("Vary")).toEqual(["accept-encoding"]);
  });
});

describe("compression: streaming", () => {
  /** A generator app that starts lazily and yields `parts`, noting how many it yielded and whether it finished. */
  function streaming(parts: string[]) {
    const state = { yielded: 0, finished: false };
    const app: App = async function* (_environ, startResponse) {
      try {
        startResponse("200 OK", html);
        for (const part of parts) {
          yield encode(part);
          state.yielded += 1;
        }
      } finally {
        state.finished = true;
      }
    };
    return { app, state };
  }

  /** Runs `app` and decodes each compressed chunk as it comes, as far as it goes. */
  function watching(app: App, stopAfter = Number.POSITIVE_INFINITY) {
    const seen: string[] = [];
    const watcher: App = async (environ, startResponse) => {
      const chunks: Chunk[] = [];
      for await (const chunk of await app(environ, startResponse)) {
        chunks.push(chunk);
        const sofar = Buffer.concat(chunks);
        seen.push(decode(zlib.gunzipSync(sofar, { finishFlush: zlib.constants.Z_SYNC_FLUSH })));
        if (chunks.length >= stopAfter) break;
      }
      return chunks;
    };
    return { watcher, seen };
  }

  it("sends each chunk compressed before the app makes the next", async () => {
    const { app, state } = streaming(["one ", "two ", "three"]);
    const { watcher, seen } = watching(compression()(app));
    const response = await new TestClient(watcher).get("/", { headers: GZIP });
    expect(seen.slice(0, 3)).toEqual(["one ", "one two ", "one two three"]);
    expect(gunzip(response.body)).toBe("one two three");
    expect(state.yielded).toBe(3);
  });

  it("compresses what the app writes with write()", async () => {
    const writer: App = async (_environ, startResponse) => {
      const write = startResponse("200 OK", html);
      await write(encode("written, "));
      return [encode("then returned")];
    };
    const response = await new TestClient(compression()(writer)).get("/", { headers: GZIP });
    expect(gunzip(response.body)).toBe("written, then returned");
  });

  it("finishes the app's body when the server abandons the compressed one", async () => {
    const { app, state } = streaming(["one ", "two ", "three"]);
    const { watcher, seen } = watching(compression()(app), 1);
    await new TestClient(watcher).get("/", { headers: GZIP });
    expect(seen).toEqual(["one "]);
    expect(state.finished).toBe(true);
    expect(state.yielded).toBeLessThan(3);
  });

  it("round-trips a large body in many chunks, with both codings", async () => {
    const parts = Array.from({ length: 300 }, (_, i) => `line ${i}: ${"abc".repeat(i % 50)}\n`);
    for (const [coding, unpack] of [
      ["gzip", zlib.gunzipSync],
      ["br", zlib.brotliDecompressSync],
    ] as const) {
      const app = compression()(streaming(parts).app);
      const response = await new TestClient(app).get("/", {
        headers: { "Accept-Encoding": coding },
      });
      expect(decode(unpack(response.body))).toBe(parts.join(""));
    }
  });
});

describe("compression over a socket", () => {
  afterEach(closeServers);

  it("lets the client decode the first chunk before the app makes the second", async () => {
    let release = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    const app: App = async function* (_environ, startResponse) {
      startResponse("200 OK", html);
      yield encode("first, ");
      await held;
      yield encode("then second");
    };
    const { url } = await startServer(compression()(app));
    const request = http.get(url, { headers: GZIP, agent: false });
    const [response] = (await once(request, "response")) as [http.IncomingMessage];
    expect(response.headers["content-encoding"]).toBe("gzip");
    const gunzip = response.pipe(zlib.createGunzip());
    const [first] = (await once(gunzip, "data")) as [Buffer];
    expect(decode(first)).toBe("first, ");
    release();
    let rest = "";
    for await (const chunk of gunzip) rest += decode(chunk as Buffer);
    expect(rest).toBe("then second");
  });
});

describe("compression: options checked at once", () => {
  it.each([[[]], [["deflate"]], ["gzip"]])("refuses the encodings %j", (encodings) => {
    expect(() => compression({ encodings: encodings as never })).toThrow(/"br" and "gzip"/);
  });

  it.each([-1, 1.5, Number.NaN])("refuses the threshold %s", (threshold) => {
    expect(() => compression({ threshold })).toThrow(/whole number of bytes/);
  });
});
