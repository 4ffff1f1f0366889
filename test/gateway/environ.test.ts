import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { collect, decode, encode } from "../../gateway/bytes.ts";
import {
  addHeader,
  BadRequest,
  bytesInput,
  decodePathInfo,
  encodePath,
  errorStream,
  gatewayVariables,
  headerKey,
  onceOnly,
  targetVariables,
} from "../../gateway/environ.ts";

describe("decodePathInfo", () => {
  it("decodes percent-escapes as UTF-8", () => {
    expect(decodePathInfo("/caf%C3%A9/%E2%9C%93")).toBe("/café/✓");
  });

  it("turns %2F into a slash, as CGI does", () => {
    expect(decodePathInfo("/a%2Fb")).toBe("/a/b");
  });

  it("keeps + as +: only query strings use it for spaces", () => {
    expect(decodePathInfo("/a+b")).toBe("/a+b");
  });

  it("throws BadRequest when the bytes are not UTF-8", () => {
    expect(() => decodePathInfo("/caf%E9")).toThrow(BadRequest);
  });

  it("throws BadRequest when a % is not followed by two hex digits", () => {
    expect(() => decodePathInfo("/100%")).toThrow(BadRequest);
    expect(() => decodePathInfo("/%zz")).toThrow(/not valid percent-encoded UTF-8/);
  });
});

describe("encodePath", () => {
  it("percent-encodes each segment and keeps the slashes between them", () => {
    expect(encodePath("/café/a b/50%/x?y#z")).toBe("/caf%C3%A9/a%20b/50%25/x%3Fy%23z");
  });

  it("is the way back from decodePathInfo", () => {
    const path = "/über/ein ✓/";
    expect(decodePathInfo(encodePath(path))).toBe(path);
  });
});

describe("targetVariables", () => {
  it("splits the target into a decoded PATH_INFO and a raw QUERY_STRING", () => {
    expect(targetVariables("/hello%20world?name=A%26B+C")).toEqual({
      SCRIPT_NAME: "",
      PATH_INFO: "/hello world",
      QUERY_STRING: "name=A%26B+C",
      REQUEST_URI: "/hello%20world?name=A%26B+C",
    });
  });

  it("splits at the first ?, leaving later ones in the query", () => {
    expect(targetVariables("/a?b?c").QUERY_STRING).toBe("b?c");
  });

  it("takes the path and query of a full URL, as sent to a proxy", () => {
    expect(targetVariables("http://example.org/a%20b?x=1")).toEqual({
      SCRIPT_NAME: "",
      PATH_INFO: "/a b",
      QUERY_STRING: "x=1",
      REQUEST_URI: "/a%20b?x=1",
    });
    expect(targetVariables("https://example.org?x=1").PATH_INFO).toBe("/");
  });

  it("gives an empty query for a target without one, or with a bare ?", () => {
    expect(targetVariables("/a").QUERY_STRING).toBe("");
    expect(targetVariables("/a?").QUERY_STRING).toBe("");
  });
});

describe("headerKey", () => {
  it("names a header HTTP_ and its name upper-cased, with - as _", () => {
    expect(headerKey("X-Forwarded-For")).toBe("HTTP_X_FORWARDED_FOR");
  });

  it("gives Content-Type and Content-Length their CGI names", () => {
    expect(headerKey("content-type")).toBe("CONTENT_TYPE");
    expect(headerKey("Content-Length")).toBe("CONTENT_LENGTH");
  });

  it("has no key for a name with an underscore", () => {
    expect(headerKey("X_User")).toBeUndefined();
  });

  it("gives the same keys for names it has seen before, and for a flood of new names", () => {
    for (let round = 0; round < 2; round++) {
      expect(headerKey("X_User")).toBeUndefined();
      expect(headerKey("content-type")).toBe("CONTENT_TYPE");
      for (let i = 0; i < 1000; i++) expect(headerKey(`X-Name-${i}`)).toBe(`HTTP_X_NAME_${i}`);
    }
  });
});

describe("addHeader", () => {
  it("joins a repeated header with a comma, and Cookie with a semicolon", () => {
    const environ: Record<string, unknown> = {};
    addHeader(environ, "Accept", "text/html");
    addHeader(environ, "Accept", "text/plain");
    addHeader(environ, "Cookie", "a=1");
    addHeader(environ, "Cookie", "b=2");
    expect(environ).toEqual({ HTTP_ACCEPT: "text/html, text/plain", HTTP_COOKIE: "a=1; b=2" });
  });

  it("drops a header with an underscore in its name", () => {
    const environ: Record<string, unknown> = {};
    addHeader(environ, "X_User", "mallory");
    expect(environ).toEqual({});
  });
});

describe("the input streams", () => {
  it("bytesInput yields its bytes once, as one chunk", async () => {
    const input = bytesInput(encode("body"));
    expect(decode(await collect(input))).toBe("body");
  });

  it("bytesInput yields no chunk at all for an empty body", async () => {
    const chunks: Uint8Array[] = [];
    for await (const chunk of bytesInput(new Uint8Array(0))) chunks.push(chunk);
    expect(chunks).toEqual([]);
  });

  it("onceOnly throws on a second read, and says how to keep the bytes", () => {
    const stream = onceOnly(async function* () {
      yield encode("x");
    });
    stream[Symbol.asyncIterator]();
    expect(() => stream[Symbol.asyncIterator]()).toThrow(/read only once.*collect\(\)/);
  });
});

describe("gatewayVariables and errorStream", () => {
  it("gives every gateway.* key", () => {
    const input = bytesInput(new Uint8Array(0));
    const errors = { write: () => {}, flush: () => {} };
    const traits = { multithread: false, multiprocess: true, runOnce: true };
    expect(gatewayVariables(input, errors, "https", traits)).toEqual({
      "gateway.version": [1, 0],
      "gateway.url_scheme": "https",
      "gateway.input": input,
      "gateway.errors": errors,
      "gateway.multithread": false,
      "gateway.multiprocess": true,
      "gateway.run_once": true,
    });
  });

  it("errorStream writes text to a Node stream", () => {
    let written = "";
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        written += chunk.toString();
        done();
      },
    });
    const errors = errorStream(sink);
    errors.write("something broke\n");
    errors.flush();
    expect(written).toBe("something broke\n");
  });
});
