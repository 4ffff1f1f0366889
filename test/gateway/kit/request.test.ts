import { describe, expect, it } from "vitest";
import { encode } from "../../../gateway/bytes.ts";
import { httpErrors } from "../../../gateway/kit/http-error-middleware.ts";
import { query, readBody, readForm, readJson } from "../../../gateway/kit/request.ts";
import { TestClient } from "../../../gateway/test-client.ts";
import type { App, Environ, InputStream } from "../../../gateway/types.ts";

/** An app that answers, as JSON, what `read` made of the request. */
function echo(read: (environ: Environ) => unknown): TestClient {
  const app: App = async (environ, startResponse) => {
    const value = await read(environ);
    const shown = value instanceof URLSearchParams ? [...value] : value;
    startResponse("200 OK", [["Content-Type", "application/json"]]);
    return [encode(JSON.stringify(shown))];
  };
  return new TestClient(httpErrors()(app));
}

/** A request body of `count` chunks of `size` bytes, recording how many were read and whether it was closed. */
function endlessInput(count: number, size: number) {
  const state = { read: 0, closed: false };
  const input: InputStream = {
    async *[Symbol.asyncIterator]() {
      try {
        for (; state.read < count; ) {
          state.read += 1;
          yield new Uint8Array(size).fill(0x61);
        }
      } finally {
        state.closed = true;
      }
    },
  };
  return { input, state };
}

/** A request body of chunks of these sizes, with no CONTENT_LENGTH. */
function chunks(sizes: number[]): InputStream {
  return {
    async *[Symbol.asyncIterator]() {
      for (const size of sizes) yield new Uint8Array(size).fill(0x61);
    },
  };
}

const FORM = "application/x-www-form-urlencoded";

describe("query", () => {
  it("reads the query string as URLSearchParams do, keeping repeated keys", async () => {
    const response = await echo(query).get("/?tag=a&tag=b&q=hello+world&name=J%C3%BCrgen&empty=");
    expect(response.json()).toEqual([
      ["tag", "a"],
      ["tag", "b"],
      ["q", "hello world"],
      ["name", "Jürgen"],
      ["empty", ""],
    ]);
  });

  it("keeps a stray % rather than refusing the request", async () => {
    expect((await echo(query).get("/?discount=50%")).json()).toEqual([["discount", "50%"]]);
  });
});

describe("readForm", () => {
  const client = echo((environ) => readForm(environ, { limit: 100 }));

  it("reads a form, with repeated names, + as space and UTF-8 escapes", async () => {
    const response = await client.post("/", {
      headers: { "Content-Type": FORM },
      body: "a=1&a=2&b=x+y%21&c=%C3%A9&d",
    });
    expect(response.json()).toEqual([
      ["a", "1"],
      ["a", "2"],
      ["b", "x y!"],
      ["c", "é"],
      ["d", ""],
    ]);
  });

  it("reads what the test client sends as a form", async () => {
    expect((await client.post("/", { form: { name: "Ada", note: "a&b=c" } })).json()).toEqual([
      ["name", "Ada"],
      ["note", "a&b=c"],
    ]);
  });

  it.each([
    `${FORM}; charset=utf-8`,
    `${FORM}; charset="UTF-8"`,
    "Application/X-WWW-Form-Urlencoded",
  ])("accepts the type %j", async (type) => {
    expect(
      (await client.post("/", { headers: { "Content-Type": type }, body: "a=1" })).statusCode,
    ).toBe(200);
  });

  it.each([
    ["JSON", "application/json"],
    ["multipart", "multipart/form-data; boundary=x"],
    ["a form in Latin-1", `${FORM}; charset=iso-8859-1`],
  ])("answers 415 for %s", async (_case, type) => {
    expect(
      (await client.post("/", { headers: { "Content-Type": type }, body: "a=1" })).statusCode,
    ).toBe(415);
  });

  it("answers 415 for a body without a type", async () => {
    expect((await client.post("/", { body: "a=1" })).statusCode).toBe(415);
  });

  it.each([
    ["an escape of bytes that are not UTF-8", encode("name=%E9")],
    ["a broken escape", encode("name=%zz")],
    ["raw bytes that are not UTF-8", new Uint8Array([0x61, 0x3d, 0xff])],
  ])("answers 400 for %s", async (_case, body) => {
    expect((await client.post("/", { headers: { "Content-Type": FORM }, body })).statusCode).toBe(
      400,
    );
  });
});

describe("readJson", () => {
  const client = echo((environ) => readJson(environ, { limit: 100 }));

  it("reads a JSON body", async () => {
    expect((await client.post("/", { json: { title: "Hi", tags: ["a"] } })).json()).toEqual({
      title: "Hi",
      tags: ["a"],
    });
  });

  it("accepts +json types and a UTF-8 charset", async () => {
    for (const type of ["application/merge-patch+json", "application/json; charset=utf-8"]) {
      const response = await client.post("/", { headers: { "Content-Type": type }, body: "[1]" });
      expect(response.json()).toEqual([1]);
    }
  });

  it("answers 415 for a form", async () => {
    expect((await client.post("/", { form: { a: "1" } })).statusCode).toBe(415);
  });

  it.each(["{not json", ""])("answers 400 for the body %j, without echoing it", async (body) => {
    const response = await client.post("/", {
      headers: { "Content-Type": "application/json" },
      body,
    });
    expect(response.statusCode).toBe(400);
    expect(response.text).toContain("not valid JSON");
    expect(response.text).not.toContain("{not json");
  });
});

describe("the size limit", () => {
  it("answers 413 from CONTENT_LENGTH alone, before reading a byte", async () => {
    const { input, state } = endlessInput(10, 100);
    const response = await echo((environ) => readBody(environ, { limit: 10 })).post("/", {
      environ: { CONTENT_LENGTH: "1000", "gateway.input": input },
    });
    expect([response.statusCode, state.read]).toEqual([413, 0]);
  });

  it("stops reading a body without a length as soon as it passes the limit", async () => {
    const { input, state } = endlessInput(1000, 100);
    const response = await echo((environ) => readJson(environ, { limit: 250 })).post("/", {
      headers: { "Content-Type": "application/json" },
      environ: { "gateway.input": input },
    });
    expect([response.statusCode, state.read, state.closed]).toEqual([413, 3, true]);
  });

  it("answers 413 to a CONTENT_LENGTH one byte past the limit, and reads one of exactly the limit", async () => {
    const read = echo(async (environ) => (await readBody(environ, { limit: 5 })).byteLength);
    const past = await read.post("/", { body: "123456" });
    expect([past.statusCode, past.text]).toEqual([413, expect.stringContaining("5 bytes")]);
    expect((await read.post("/", { body: "12345" })).json()).toBe(5);
  });

  it("answers 413 to a body without a length one byte past the limit, and reads one of exactly the limit", async () => {
    const read = echo(async (environ) => (await readBody(environ, { limit: 300 })).byteLength);
    const past = endlessInput(3, 100);
    const exact = await read.post("/", { environ: { "gateway.input": past.input } });
    expect([exact.statusCode, exact.json()]).toEqual([200, 300]);
    const over = await read.post("/", {
      environ: { "gateway.input": chunks([100, 100, 100, 1]) },
    });
    expect(over.statusCode).toBe(413);
  });

  it("accepts a body of exactly the limit", async () => {
    const response = await echo((environ) => readForm(environ, { limit: 3 })).post("/", {
      form: { a: "1" },
    });
    expect(response.statusCode).toBe(200);
  });

  it("has a default limit of 100 000 bytes", async () => {
    const big = { form: { a: "x".repeat(100_000) } };
    expect((await echo((environ) => readForm(environ)).post("/", big)).statusCode).toBe(413);
  });

  it("refuses a limit that is not a whole number of bytes", async () => {
    const response = await echo((environ) => readBody(environ, { limit: -1 })).post("/", {
      body: "x",
    });
    expect(response.statusCode).toBe(500);
    expect(response.errors).toContain("whole number of bytes");
  });
});

describe("__proto__ in a body", () => {
  it("keeps a form field named __proto__ as a field, changing no object's prototype", async () => {
    const read = echo(async (environ) => {
      const form = await readForm(environ);
      return [form.get("__proto__"), ({} as Record<string, unknown>).admin ?? "none"];
    });
    const response = await read.post("/", {
      headers: { "Content-Type": FORM },
      body: "__proto__=x&__proto__%5Badmin%5D=1",
    });
    expect(response.json()).toEqual(["x", "none"]);
  });

  it("reads a JSON key named __proto__ as an own key, changing no object's prototype", async () => {
    const read = echo(async (environ) => {
      const value = (await readJson(environ)) as Record<string, unknown>;
      return [
        Object.keys(value),
        Object.getPrototypeOf(value) === Object.prototype,
        { ...value }.admin ?? "none",
        ({} as Record<string, unknown>).admin ?? "none",
      ];
    });
    const response = await read.post("/", {
      headers: { "Content-Type": "application/json" },
      body: '{"__proto__": {"admin": true}, "name": "ada"}',
    });
    expect(response.json()).toEqual([["__proto__", "name"], true, "none", "none"]);
  });
});

describe("reading a body more than once", () => {
  it("gives the same body to a second reader, though the input can be read only once", async () => {
    const twice = echo(async (environ) => {
      const first = await readForm(environ);
      const again = await readForm({ ...environ, PATH_INFO: "/copied" });
      return [first.get("a"), again.get("a")];
    });
    expect((await twice.post("/", { form: { a: "1" } })).json()).toEqual(["1", "1"]);
  });

  it("still keeps a second reader to its own, smaller limit", async () => {
    const twice = echo(async (environ) => {
      await readBody(environ, { limit: 100 });
      return readBody(environ, { limit: 2 });
    });
    expect((await twice.post("/", { body: "abc" })).statusCode).toBe(413);
  });
});
