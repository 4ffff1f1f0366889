import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { collect, decode, encode } from "../../gateway/bytes.ts";
import {
  addGatewayVariables,
  BadRequest,
  bytesInput,
  decodePathInfo,
  encodePath,
  errorStream,
  onceOnly,
  targetHost,
  targetVariables,
} from "../../gateway/environ.ts";

function catchError(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error("it did not throw");
}

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

  it("drops a fragment, from the query and from REQUEST_URI", () => {
    expect(targetVariables("/p?page=1#x")).toMatchObject({
      PATH_INFO: "/p",
      QUERY_STRING: "page=1",
      REQUEST_URI: "/p?page=1",
    });
    expect(targetVariables("/p#x?y").QUERY_STRING).toBe("");
  });

  it("gives OPTIONS * an empty PATH_INFO and keeps the * in REQUEST_URI", () => {
    expect(targetVariables("*", "OPTIONS")).toEqual({
      SCRIPT_NAME: "",
      PATH_INFO: "",
      QUERY_STRING: "",
      REQUEST_URI: "*",
    });
  });

  it("refuses * for any other method", () => {
    expect(() => targetVariables("*", "GET")).toThrow(
      "the target * (the whole server) is for OPTIONS only, not GET",
    );
  });

  it("refuses a target that is neither a path nor a URL", () => {
    expect(() => targetVariables("foo")).toThrow(BadRequest);
  });

  it("refuses a URL with a user name or password, without repeating them", () => {
    const error = catchError(() => targetVariables("http://user:secret@example.com:8080/foo"));
    expect(error).toBeInstanceOf(BadRequest);
    expect(String(error)).toContain("user name or password");
    expect(String(error)).not.toContain("secret");
  });

  it("refuses a URL whose host is empty or not a host", () => {
    for (const url of ["s://]ufd/:", "http://", "http:///x", "http://host:80:80/"]) {
      expect(() => targetVariables(url), url).toThrow(BadRequest);
    }
  });
});

describe("targetHost", () => {
  it("gives the host and port of a URL, and nothing for a path", () => {
    expect(targetHost("http://example.org:8080/x")).toBe("example.org:8080");
    expect(targetHost("http://[::1]/x")).toBe("[::1]");
    expect(targetHost("/x")).toBeUndefined();
  });

  it("refuses what targetVariables refuses", () => {
    expect(() => targetHost("http://user@example.org/")).toThrow(BadRequest);
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

describe("addGatewayVariables and errorStream", () => {
  it("adds every gateway.* key, gateway.signal made when first read", () => {
    const input = bytesInput(new Uint8Array(0));
    const errors = { write: () => {}, flush: () => {} };
    const traits = { multithread: false, multiprocess: true, runOnce: true };
    const environ: Record<string, unknown> = {};
    addGatewayVariables(environ, input, errors, "https", traits, { watchClient() {} });
    expect(typeof Object.getOwnPropertyDescriptor(environ, "gateway.signal")?.get).toBe("function");
    // Its keys, without the symbol where the signal's getter finds the watch.
    expect(Object.fromEntries(Object.entries(environ))).toEqual({
      "gateway.version": [1, 0],
      "gateway.url_scheme": "https",
      "gateway.input": input,
      "gateway.errors": errors,
      "gateway.multithread": false,
      "gateway.multiprocess": true,
      "gateway.run_once": true,
      "gateway.signal": expect.any(AbortSignal),
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
