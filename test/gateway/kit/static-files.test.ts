import { writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { encode } from "../../../gateway/bytes.ts";
import { staticFiles, staticFilesFirst } from "../../../gateway/kit/static-files.ts";
import { urlMap } from "../../../gateway/kit/url-map.ts";
import { TestClient } from "../../../gateway/test-client.ts";
import type { App, Chunk } from "../../../gateway/types.ts";
import { HELLO, LAST_MODIFIED, makeSite, SECRET, WINDOWS_NAMES } from "./static-site.ts";

const site = makeSite();
afterAll(site.remove);

const client = new TestClient(staticFiles(site.root));
const ETAG = (await client.get("/hello.txt")).header("ETag") ?? "";

describe("staticFiles: serving a file", () => {
  it("answers with the file, its type, length and validators", async () => {
    const response = await client.get("/hello.txt");
    expect(response.statusCode).toBe(200);
    expect(response.text).toBe(HELLO);
    expect(response.header("Content-Type")).toBe("text/plain; charset=utf-8");
    expect(response.header("Content-Length")).toBe(String(HELLO.length));
    expect(response.header("Last-Modified")).toBe(LAST_MODIFIED);
    expect(response.header("Accept-Ranges")).toBe("bytes");
    expect(ETAG).toMatch(/^W\/"[0-9a-f]+-[0-9a-f]+"$/);
  });

  it.each([
    ["/style.css", "text/css; charset=utf-8"],
    ["/logo.png", "image/png"],
    ["/data.xyz", "application/octet-stream"],
  ])("names the type of %s from its extension", async (file, type) => {
    expect((await client.get(file)).header("Content-Type")).toBe(type);
  });

  it("finds a file whose name was percent-encoded", async () => {
    expect((await client.get("/a%20b.txt")).text).toBe("spaced out");
  });

  it("serves an empty file with a Content-Length of 0", async () => {
    const response = await client.get("/empty.txt");
    expect([response.statusCode, response.header("Content-Length"), response.text]).toEqual([
      200,
      "0",
      "",
    ]);
  });

  it("answers HEAD with the headers of GET and no body", async () => {
    const response = await client.request("HEAD", "/hello.txt");
    expect(response.statusCode).toBe(200);
    expect(response.header("Content-Length")).toBe(String(HELLO.length));
    expect(response.body.byteLength).toBe(0);
  });

  it("answers 405 with Allow to other methods", async () => {
    const response = await client.post("/hello.txt", { body: "x" });
    expect(response.statusCode).toBe(405);
    expect(response.header("Allow")).toBe("GET, HEAD");
  });

  it("streams a large file in several chunks rather than reading it whole", async () => {
    writeFileSync(path.join(site.root, "large.bin"), new Uint8Array(200_000).fill(7));
    const chunks: Chunk[] = [];
    const counting: App = async (environ, startResponse) => {
      for await (const chunk of await staticFiles(site.root)(environ, startResponse)) {
        chunks.push(chunk);
      }
      return chunks;
    };
    const response = await new TestClient(counting).get("/large.bin");
    expect(response.body.byteLength).toBe(200_000);
    expect(chunks.length).toBeGreaterThan(1);
    expect(Math.max(...chunks.map((chunk) => chunk.byteLength))).toBeLessThanOrEqual(65_536);
  });
});

describe("staticFiles: refusing paths out of the root", () => {
  it.each([
    ["plain ..", "/../outside/secret.txt"],
    ["percent-encoded ..", "/%2e%2e/outside/secret.txt"],
    ["an encoded slash", "/..%2Foutside%2Fsecret.txt"],
    ["deeper climbing", "/nested/deep/../../../outside/secret.txt"],
    ["a backslash", "/..%5Coutside%5Csecret.txt"],
    ["a raw backslash", "/..\\outside\\secret.txt"],
    ["NUL", "/hello.txt%00.png"],
    ["a link out of the root", "/escape/secret.txt"],
    ["a hidden file", "/.env"],
    ["a dot segment", "/./hello.txt"],
    ["a link to a hidden folder", "/unhidden/config"],
    ["a Windows path", "/C:%5CWindows%5Cwin.ini"],
    ["a Windows device path", "/%5C%5C%3F%5CC:%5Csecret.txt"],
    ["a very long name", `/${"a".repeat(5000)}`],
    ["a very deep path", "/a".repeat(3000)],
    ...WINDOWS_NAMES.map((name) => [
      `the Windows name ${JSON.stringify(name)}`,
      `/${encodeURIComponent(name)}`,
    ]),
  ])("answers 404 to %s", async (_name, target) => {
    const response = await client.get(target);
    expect(response.statusCode).toBe(404);
    expect(response.text).not.toContain(SECRET);
    expect(response.text).not.toContain("SECRET=1");
  });

  it("follows a link that stays inside the root", async () => {
    expect((await client.get("/linked-docs/guide.txt")).text).toBe("a guide");
  });
});

describe("staticFiles: folders", () => {
  it("answers 404 for a folder when no index file is named", async () => {
    expect((await client.get("/docs/")).statusCode).toBe(404);
    expect((await client.get("/docs")).statusCode).toBe(404);
  });

  it("serves the index file for a folder's address ending in /", async () => {
    const indexed = new TestClient(staticFiles(site.root, { index: "index.html" }));
    const response = await indexed.get("/docs/");
    expect([response.statusCode, response.text]).toEqual([200, "<h1>Docs</h1>"]);
    expect(response.header("Content-Type")).toBe("text/html; charset=utf-8");
  });

  it("redirects a folder's address without its / to the address with it, where mounted", async () => {
    const mounted = urlMap({ "/static": staticFiles(site.root, { index: "index.html" }) });
    const response = await new TestClient(mounted).get("/static/docs?v=1");
    expect(response.statusCode).toBe(301);
    expect(response.header("Location")).toBe("/static/docs/?v=1");
  });

  it("redirects a folder's address starting with // to this site, never to another host", async () => {
    const indexed = new TestClient(staticFiles(site.root, { index: "index.html" }));
    for (const target of ["//docs", "///docs", "/%2Fdocs"]) {
      const response = await indexed.get(target);
      expect([target, response.statusCode, response.header("Location")]).toEqual([
        target,
        301,
        "/docs/",
      ]);
    }
  });

  it("answers 404 for a file's name followed by /", async () => {
    expect((await client.get("/hello.txt/")).statusCode).toBe(404);
  });
});

describe("staticFiles: conditional requests", () => {
  const ask = (headers: Record<string, string>) => client.get("/hello.txt", { headers });
  const EARLIER = "Mon, 01 Jan 2024 00:00:00 GMT";

  it.each([
    ["its ETag", () => ETAG],
    ["its ETag without W/", () => ETAG.replace("W/", "")],
    ["a list holding its ETag", () => `"other", ${ETAG}`],
    ["a list without spaces, after a tag holding a comma", () => `"a,b",${ETAG}`],
    ["*", () => "*"],
  ])("answers 304 with the ETag and no body to If-None-Match with %s", async (_name, tag) => {
    const response = await ask({ "If-None-Match": tag() });
    expect(response.statusCode).toBe(304);
    expect(response.header("ETag")).toBe(ETAG);
    expect(response.header("Content-Type")).toBeUndefined();
    expect(response.body.byteLength).toBe(0);
  });

  it("answers 200 to If-None-Match with another ETag, or one that only holds its ETag", async () => {
    expect((await ask({ "If-None-Match": 'W/"other"' })).statusCode).toBe(200);
    const holding = `"x${ETAG.replace('W/"', "")}`;
    expect((await ask({ "If-None-Match": holding })).statusCode).toBe(200);
  });

  it.each([
    ["the Last-Modified date", LAST_MODIFIED, 304],
    ["a later date", "Wed, 03 Jan 2024 00:00:00 GMT", 304],
    ["an earlier date", EARLIER, 200],
    ["a date that cannot be read", "yesterday-ish", 200],
    ["a bare year, which is no HTTP date", "2030", 200],
    ["a date in local time, which is no HTTP date", "Wed, 03 Jan 2024 00:00:00", 200],
  ])("answers If-Modified-Since with %s (%s) by %i", async (_name, date, status) => {
    expect((await ask({ "If-Modified-Since": date })).statusCode).toBe(status);
  });

  it("lets If-None-Match win over If-Modified-Since, either way", async () => {
    const changed = await ask({ "If-None-Match": '"other"', "If-Modified-Since": LAST_MODIFIED });
    expect(changed.statusCode).toBe(200);
    const same = await ask({ "If-None-Match": ETAG, "If-Modified-Since": EARLIER });
    expect(same.statusCode).toBe(304);
  });
});

describe("staticFiles: ranges", () => {
  const size = HELLO.length;
  const range = (value: string, headers: Record<string, string> = {}) =>
    client.get("/hello.txt", { headers: { Range: value, ...headers } });

  it.each([
    ["bytes=0-4", "Hello", "0-4"],
    ["bytes=7-", HELLO.slice(7), `7-${size - 1}`],
    ["bytes=-7", HELLO.slice(-7), `${size - 7}-${size - 1}`],
    ["bytes=7-1000", HELLO.slice(7), `7-${size - 1}`],
    ["bytes=-1000", HELLO, `0-${size - 1}`],
    ["Bytes= 0-0", "H", "0-0"],
  ])("answers %s with 206 and those bytes", async (value, text, span) => {
    const response = await range(value);
    expect(response.statusCode).toBe(206);
    expect(response.text).toBe(text);
    expect(response.header("Content-Range")).toBe(`bytes ${span}/${size}`);
    expect(response.header("Content-Length")).toBe(String(text.length));
  });

  it.each([`bytes=${size}-`, "bytes=1000-2000", "bytes=-0"])(
    "answers %s with 416 and the real length",
    async (value) => {
      const response = await range(value);
      expect(response.statusCode).toBe(416);
      expect(response.header("Content-Range")).toBe(`bytes */${size}`);
    },
  );

  it("answers any range of an empty file with 416", async () => {
    const response = await client.get("/empty.txt", { headers: { Range: "bytes=0-" } });
    expect([response.statusCode, response.header("Content-Range")]).toEqual([416, "bytes */0"]);
  });

  it.each(["bytes=0-1,4-5", "bytes=5-2", "items=0-1", "bytes=x-y", "bytes=-"])(
    "ignores %s and sends the whole file",
    async (value) => {
      const response = await range(value);
      expect([response.statusCode, response.text]).toEqual([200, HELLO]);
    },
  );

  it("ignores Range on HEAD, as ranges are defined for GET only", async () => {
    const response = await client.request("HEAD", "/hello.txt", {
      headers: { Range: "bytes=0-4" },
    });
    expect([response.statusCode, response.header("Content-Length")]).toEqual([200, String(size)]);
  });

  it("serves the range when If-Range names the file as it is", async () => {
    expect((await range("bytes=0-4", { "If-Range": LAST_MODIFIED })).statusCode).toBe(206);
  });

  it("sends the whole file when If-Range names an older file, or a weak ETag", async () => {
    const older = await range("bytes=0-4", { "If-Range": "Mon, 01 Jan 2024 00:00:00 GMT" });
    expect([older.statusCode, older.text]).toEqual([200, HELLO]);
    expect((await range("bytes=0-4", { "If-Range": ETAG })).statusCode).toBe(200);
  });
});

describe("staticFilesFirst: files in front of an app", () => {
  const app: App = (environ, startResponse) => {
    startResponse("200 OK", [["Content-Type", "text/plain"]]);
    return [encode(`app ${environ.REQUEST_METHOD} ${environ.PATH_INFO}`)];
  };
  const both = new TestClient(staticFilesFirst(site.root)(app));

  it("serves a file that exists", async () => {
    expect((await both.get("/hello.txt")).text).toBe(HELLO);
  });

  it("passes a missing file, a refused path and other methods to the app", async () => {
    expect((await both.get("/missing")).text).toBe("app GET /missing");
    expect((await both.get("/../outside/secret.txt")).text).toBe("app GET /../outside/secret.txt");
    expect((await both.post("/hello.txt", { body: "x" })).text).toBe("app POST /hello.txt");
  });
});

describe("staticFiles: options checked at once", () => {
  it("refuses a root that does not exist, saying where it looked", () => {
    expect(() => staticFiles(path.join(site.base, "nowhere"))).toThrow(/nowhere does not exist/);
  });

  it("refuses a root that is a file", () => {
    expect(() => staticFiles(path.join(site.root, "hello.txt"))).toThrow(/is a file/);
  });

  it.each(["", "docs/index.html", ".index"])("refuses the index %j", (index) => {
    expect(() => staticFiles(site.root, { index })).toThrow(/the name of a file/);
  });
});
