import { afterEach, describe, expect, it } from "vitest";
import { collect, encode } from "../../../gateway/bytes.ts";
import { TestClient } from "../../../gateway/test-client.ts";
import { stack, traced, tracedApp } from "../../../gateway/trace/stack.ts";
import { isTracePoint } from "../../../gateway/trace/trace-point.ts";
import { startTracing, stopTracing } from "../../../gateway/trace/tracer.ts";
import type { App, Body, Middleware } from "../../../gateway/types.ts";
import { closeServers, rawExchange, startServer } from "../http-helpers.ts";
import { steps as stepsOf } from "./trace-steps.ts";

afterEach(stopTracing);
afterEach(closeServers);

const text: Array<[string, string]> = [["Content-Type", "text/plain"]];
const hello: App = (_environ, startResponse) => {
  startResponse("200 OK", text);
  return [encode("Hello World!\n")];
};
const passThrough: Middleware = (app) =>
  function passing(environ, startResponse) {
    return app(environ, startResponse);
  };

describe("with tracing off", () => {
  it("adds no wrapper at all: traced() is the middleware, stack() the plain composition", () => {
    expect(traced("pass", passThrough)).toBe(passThrough);
    expect(tracedApp(hello)).toBe(hello);
    expect(stack(hello)).toBe(hello);
    const composed = stack(hello, passThrough);
    expect(composed.name).toBe("passing");
    expect(isTracePoint(composed)).toBe(false);
  });
});

describe("stack()", () => {
  it("wraps in order: the first middleware is the innermost", async () => {
    const tag =
      (name: string): Middleware =>
      (app) =>
      (environ, startResponse) =>
        app(environ, (status, headers, excInfo) =>
          startResponse(status, [...headers, ["X-Layer", name]], excInfo),
        );
    const response = await new TestClient(stack(hello, tag("inner"), tag("outer"))).get("/");
    expect(response.headerAll("X-Layer")).toEqual(["inner", "outer"]);
  });

  it("refuses what is not middleware when the stack is built, and says what to do", () => {
    expect(() => stack(hello, "logger" as unknown as Middleware)).toThrow(
      "stack()'s middleware 1 is a string, not a middleware",
    );
    expect(() => stack(hello, (() => undefined) as unknown as Middleware)).toThrow(
      "Did you pass its factory without its options?",
    );
    expect(() => stack(undefined as unknown as App)).toThrow("stack() takes an app first");
  });
});

describe("with tracing on, the traced app behaves exactly as before", () => {
  it("passes the validator with a list, a lazy generator, write() and a read of the input", async () => {
    startTracing();
    const lazy: App = function* lazy(_environ, startResponse) {
      startResponse("200 OK", text);
      yield encode("lazy");
    };
    const writing: App = async (_environ, startResponse) => {
      const write = startResponse("200 OK", text);
      await write(encode("written, "));
      return [encode("then returned")];
    };
    const echo: App = async (environ, startResponse) => {
      const body = await collect(environ["gateway.input"]);
      startResponse("200 OK", text);
      return [body];
    };
    expect((await new TestClient(stack(hello, passThrough)).get("/")).text).toBe("Hello World!\n");
    expect((await new TestClient(stack(lazy, passThrough)).get("/")).text).toBe("lazy");
    expect((await new TestClient(stack(writing)).get("/")).text).toBe("written, then returned");
    expect((await new TestClient(stack(echo)).post("/", { body: "ping" })).text).toBe("ping");
    const head = await new TestClient(stack(hello)).request("HEAD", "/");
    expect([head.statusCode, head.text]).toEqual([200, ""]);
  });

  it("keeps a sync body sync, an async one async, and its return() and throw() as they were", async () => {
    startTracing();
    const bodies: Body[] = [];
    const keep =
      (body: Body): App =>
      (_environ, startResponse) => {
        startResponse("200 OK", text);
        return body;
      };
    const capture: Middleware = (app) => (environ, startResponse) => {
      const body = app(environ, startResponse) as Body;
      bodies.push(body);
      return body;
    };
    const set = new Set([encode("a")]);
    await new TestClient(stack(keep(set), capture), { validate: false }).get("/");
    const sync = bodies[0] as Iterable<Uint8Array>;
    expect(Symbol.iterator in sync && !(Symbol.asyncIterator in sync)).toBe(true);
    expect("return" in sync[Symbol.iterator]()).toBe(false); // a Set's iterator has none
    async function* stream() {
      yield encode("b");
    }
    await new TestClient(stack(keep(stream()), capture), { validate: false }).get("/");
    const asyncBody = bodies[1] as AsyncIterable<Uint8Array>;
    expect(Symbol.asyncIterator in asyncBody && !(Symbol.iterator in asyncBody)).toBe(true);
    const steps = asyncBody[Symbol.asyncIterator]();
    expect(typeof steps.return).toBe("function");
    expect(typeof steps.throw).toBe("function");
  });

  it("asks the body for a chunk only when its caller does", async () => {
    startTracing();
    let made = 0;
    const counting: App = function* counting(_environ, startResponse) {
      startResponse("200 OK", text);
      for (;;) {
        made += 1;
        yield encode("x");
      }
    };
    const body = stack(counting)({} as never, () => async () => {}) as Iterable<Uint8Array>;
    const steps = body[Symbol.iterator]();
    steps.next();
    steps.next();
    expect(made).toBe(2);
    steps.return?.();
  });

  it("rethrows excInfo once the headers went out, as the server's startResponse does", async () => {
    startTracing();
    const late: App = async function* late(_environ, startResponse) {
      startResponse("200 OK", text);
      yield encode("half a page");
      const error = new Error("too late");
      try {
        startResponse("500 Internal Server Error", text, error);
      } catch (thrown) {
        yield encode(thrown === error ? " (rethrown)" : " (something else)");
        throw thrown;
      }
    };
    const response = await new TestClient(stack(late, passThrough), { validate: false }).get("/");
    expect(response.aborted).toBe(true);
    expect(response.text).toBe("half a page (rethrown)");
  });

  it("leaves the read-once rule of gateway.input to the server", async () => {
    startTracing();
    const twice: App = async (environ, startResponse) => {
      await collect(environ["gateway.input"]);
      try {
        await collect(environ["gateway.input"]);
      } catch (error) {
        startResponse("200 OK", text);
        return [encode((error as Error).message)];
      }
      throw new Error("a second read should have failed");
    };
    const response = await new TestClient(stack(twice), { validate: false }).post("/", {
      body: "x",
    });
    expect(response.text).toContain("gateway.input can be read only once");
  });
});

describe("with tracing on, the response cycle's rules hold as they are", () => {
  it("HEAD stops a streamed body at its first bytes and finishes it there", async () => {
    const tracer = startTracing();
    const done: string[] = [];
    const ticking: App = function* ticking(_environ, startResponse) {
      try {
        startResponse("200 OK", text);
        for (;;) yield encode("tick");
      } finally {
        done.push("finally");
      }
    };
    const head = await new TestClient(stack(ticking, passThrough)).request("HEAD", "/");
    expect([head.statusCode, head.text, done]).toEqual([200, "", ["finally"]]);
    const shown = stepsOf(tracer.list()[0]?.toJSON() as never);
    expect(shown.filter((step) => step.startsWith("chunk ticking"))).toEqual([
      "chunk ticking→passing 4 B",
    ]);
    expect(shown).toContain("close passing→ticking");
  });

  it("refuses a 1xx status, and the trace shows startResponse threw", async () => {
    const tracer = startTracing();
    const switching: App = function switching(_environ, startResponse) {
      startResponse("101 Switching Protocols", text);
      return [];
    };
    const client = new TestClient(stack(switching, passThrough), { validate: false });
    const response = await client.get("/");
    expect(response.statusCode).toBe(500);
    expect(response.errors).toContain("a 1xx status is not a final answer");
    expect(stepsOf(tracer.list()[0]?.toJSON() as never)).toContain(
      "start-response switching→passing 101 Switching Protocols threw",
    );
  });

  it("takes an excInfo of null as not given: a second call is refused, and no excInfo is shown", async () => {
    const tracer = startTracing();
    let refused = "";
    const twice: App = function twice(_environ, startResponse) {
      startResponse("200 OK", text, null);
      try {
        startResponse("404 Not Found", text, null);
      } catch (error) {
        refused = (error as Error).message;
      }
      return [encode("first")];
    };
    const response = await new TestClient(stack(twice, passThrough), { validate: false }).get("/");
    expect([response.statusCode, response.text]).toEqual([200, "first"]);
    expect(refused).toMatch(/called twice: pass excInfo/);
    const shown = stepsOf(tracer.list()[0]?.toJSON() as never);
    expect(shown).toContain("start-response twice→passing 200 OK");
    expect(shown).toContain("start-response passing→server 404 Not Found threw");
  });

  it("answers pipelined requests in turn, each with a trace of its own", async () => {
    const tracer = startTracing();
    const seen: string[] = [];
    const waiting: App = async function waiting(environ, startResponse) {
      seen.push(`start ${environ.PATH_INFO}`);
      await new Promise((resolve) => setImmediate(resolve));
      seen.push(`end ${environ.PATH_INFO}`);
      startResponse("200 OK", text);
      return [encode(`done ${environ.PATH_INFO}\n`)];
    };
    const { port } = await startServer(stack(waiting, passThrough));
    const get = (path: string, extra = "") => `GET ${path} HTTP/1.1\r\nHost: x\r\n${extra}\r\n`;
    const raw = await rawExchange(
      port,
      `${get("/a")}${get("/b")}${get("/c", "Connection: close\r\n")}`,
    );
    expect(raw.match(/done \/\w/g)).toEqual(["done /a", "done /b", "done /c"]);
    expect(seen).toEqual(["start /a", "end /a", "start /b", "end /b", "start /c", "end /c"]);
    expect(tracer.list().map((trace) => [trace.toJSON().uri, trace.done])).toEqual([
      ["/a", true],
      ["/b", true],
      ["/c", true],
    ]);
  });
});
