import { describe, expect, it } from "vitest";
import { encode } from "../../gateway/bytes.ts";
import { runCycle } from "../../gateway/response-cycle.ts";
import type { App, Body, Headers } from "../../gateway/types.ts";
import { signal } from "../support/signal.ts";
import { RecordingSink, testEnviron } from "./recording-sink.ts";

const TEXT: [string, string] = ["Content-Type", "text/plain"];

/** Runs `app` for one request, and gives what the sink saw, what was logged, and the error. */
async function run(app: App, method = "GET") {
  const sink = new RecordingSink();
  const { environ, logged } = testEnviron(method);
  const error = await runCycle(app, environ, sink);
  return { sink, events: sink.events, log: logged.join(""), error };
}

/** An app that starts the response with these headers and returns this body. */
function answering(headers: Headers, body: Body, status = "200 OK"): App {
  return (_environ, startResponse) => {
    startResponse(status, headers);
    return body;
  };
}

describe("startResponse", () => {
  it("may be called lazily, inside the first step of a generator", async () => {
    const app: App = function* (_environ, startResponse) {
      startResponse("200 OK", [TEXT]);
      yield encode("lazy");
    };
    expect((await run(app)).events).toEqual(["head 200 OK", "send lazy", "end"]);
  });

  it("holds the headers back until the first chunk with bytes", async () => {
    const goOn = signal();
    const paused = signal();
    const app: App = async function* (_environ, startResponse) {
      startResponse("200 OK", [TEXT]);
      yield new Uint8Array(0);
      paused.resolve();
      await goOn.promise;
      yield encode("now");
    };
    const sink = new RecordingSink();
    const done = runCycle(app, testEnviron().environ, sink);
    await paused.promise;
    expect(sink.events).toEqual([]);
    goOn.resolve();
    await done;
    expect(sink.events).toEqual(["head 200 OK", "send now", "end"]);
  });

  it("sends the headers at the end for an empty body, with a Content-Length of 0", async () => {
    const app: App = async function* (_environ, startResponse) {
      startResponse("200 OK", [TEXT]);
      yield new Uint8Array(0);
    };
    const { sink, events } = await run(app);
    expect(events).toEqual(["head 200 OK", "end"]);
    expect(sink.header("Content-Length")).toBe("0");
  });

  it("throws on a second call without excInfo, and keeps the first status", async () => {
    let message = "";
    const app: App = (_environ, startResponse) => {
      startResponse("200 OK", [TEXT]);
      try {
        startResponse("404 Not Found", [TEXT]);
      } catch (error) {
        message = (error as Error).message;
      }
      return [encode("first")];
    };
    expect((await run(app)).events).toEqual(["head 200 OK", "end first"]);
    expect(message).toMatch(/called twice: pass excInfo/);
  });

  it("replaces the status and headers when called with excInfo before they went out", async () => {
    const app: App = (_environ, startResponse) => {
      startResponse("200 OK", [TEXT, ["X-First", "yes"]]);
      startResponse("503 Service Unavailable", [TEXT], new Error("the database is down"));
      return [encode("try later")];
    };
    const { sink, events } = await run(app);
    expect(events).toEqual(["head 503 Service Unavailable", "end try later"]);
    expect(sink.header("X-First")).toBeUndefined();
  });

  it("rethrows excInfo once the headers went out, and the response is cut", async () => {
    const original = new Error("broke mid-stream");
    let rethrown: unknown;
    const app: App = async function* (_environ, startResponse) {
      startResponse("200 OK", [TEXT]);
      yield encode("half");
      try {
        startResponse("500 Internal Server Error", [TEXT], original);
      } catch (error) {
        rethrown = error;
        throw error;
      }
    };
    const { events, log, error } = await run(app);
    expect(rethrown).toBe(original);
    expect(error).toBe(original);
    expect(events).toEqual(["head 200 OK", "send half", "abort"]);
    expect(log).toContain("broke mid-stream");
  });

  it("is an error to return without calling it", async () => {
    const app: App = () => [encode("who am I?")];
    const { events, log } = await run(app);
    expect(events).toEqual(["head 500 Internal Server Error", expect.stringMatching(/^end /)]);
    expect(log).toContain("returned without calling startResponse");
  });

  it("is an error to produce a chunk before calling it, even an empty one", async () => {
    for (const early of [encode("too early"), new Uint8Array(0)]) {
      const app: App = function* (_environ, startResponse) {
        yield early;
        startResponse("200 OK", [TEXT]);
        yield encode("late");
      };
      const { events, log } = await run(app);
      expect(events[0]).toBe("head 500 Internal Server Error");
      expect(log).toContain("a body chunk before calling startResponse");
    }
  });

  it("takes an excInfo of null, Python's None, as not given", async () => {
    let message = "";
    const app: App = (_environ, startResponse) => {
      startResponse("200 OK", [TEXT]);
      try {
        startResponse("404 Not Found", [TEXT], null);
      } catch (error) {
        message = (error as Error).message;
      }
      return [encode("first")];
    };
    expect((await run(app)).events).toEqual(["head 200 OK", "end first"]);
    expect(message).toMatch(/called twice: pass excInfo/);
  });

  it("refuses a 1xx status: the client would wait after it for a final one", async () => {
    const { events, log } = await run(answering([TEXT], [], "101 Switching Protocols"));
    expect(events[0]).toBe("head 500 Internal Server Error");
    expect(log).toContain("a 1xx status is not a final answer");
  });
});

describe("when the cycle is over", () => {
  it("has sent a list body in full by the time runCycle returns, with nothing left to await", () => {
    const sink = new RecordingSink();
    const returned = runCycle(answering([TEXT], [encode("at once")]), testEnviron().environ, sink);
    expect(returned).toBeUndefined();
    expect(sink.events).toEqual(["head 200 OK", "end at once"]);
  });

  it("gives a promise, for a body that takes time, that resolves once the body is over", async () => {
    const sink = new RecordingSink();
    const returned = runCycle(
      answering([TEXT], [encode("a"), encode("b")]),
      testEnviron().environ,
      sink,
    );
    expect(returned).toBeInstanceOf(Promise);
    expect(await returned).toBeUndefined();
    expect(sink.events).toEqual(["head 200 OK", "send a", "end b"]);
  });

  it("gives a promise of the error when the app fails at once", async () => {
    const failing: App = () => {
      throw new Error("broken");
    };
    const returned = runCycle(failing, testEnviron().environ, new RecordingSink());
    expect(returned).toBeInstanceOf(Promise);
    expect(await returned).toMatchObject({ message: "broken" });
  });
});

describe("write()", () => {
  it("sends its bytes before the body's", async () => {
    const app: App = async (_environ, startResponse) => {
      const write = startResponse("200 OK", [TEXT]);
      await write(encode("written "));
      return [encode("then "), encode("returned")];
    };
    expect((await run(app)).events).toEqual([
      "head 200 OK",
      "send written ",
      "send then ",
      "end returned",
    ]);
  });

  it("resolves only once the sink took the bytes", async () => {
    const sink = new RecordingSink();
    const held = sink.hold();
    let resolved = false;
    const app: App = async (_environ, startResponse) => {
      const write = startResponse("200 OK", [TEXT]);
      await write(encode("slow"));
      resolved = true;
      return [];
    };
    const done = runCycle(app, testEnviron().environ, sink);
    await held.started;
    expect(resolved).toBe(false);
    held.release();
    await done;
    expect(resolved).toBe(true);
  });

  it("mixes with a one-chunk list body, which then gets no Content-Length", async () => {
    const app: App = async (_environ, startResponse) => {
      const write = startResponse("200 OK", [TEXT]);
      await write(encode("a"));
      return [encode("b")];
    };
    const { sink, events, error } = await run(app);
    expect(error).toBeUndefined();
    expect(events).toEqual(["head 200 OK", "send a", "end b"]);
    expect(sink.header("Content-Length")).toBeUndefined();
  });

  it("rejects a write after the response ended, with a message that says so", async () => {
    let write = (_chunk: Uint8Array) => Promise.resolve();
    const app: App = (_environ, startResponse) => {
      write = startResponse("200 OK", [TEXT]);
      return [encode("done")];
    };
    const { events } = await run(app);
    await expect(write(encode("late"))).rejects.toThrow(/after the response had ended/);
    expect(events).toEqual(["head 200 OK", "end done"]);
  });

  it("fails the response when a write the app did not await went wrong", async () => {
    const app: App = (_environ, startResponse) => {
      const write = startResponse("200 OK", [TEXT, ["Content-Length", "3"]]);
      void write(encode("abc"));
      void write(encode("def")); // past the Content-Length, and nobody awaits it
      return [];
    };
    const { events, log } = await run(app);
    expect(events).toEqual(["head 200 OK", "send abc", "abort"]);
    expect(log).toContain("more than its Content-Length of 3");
  });
});

describe("back-pressure", () => {
  it("asks for the next chunk only once the sink took the last one", async () => {
    const sink = new RecordingSink();
    const held = sink.hold();
    let pulled = 0;
    const app: App = function* (_environ, startResponse) {
      startResponse("200 OK", [TEXT]);
      for (const word of ["one", "two", "three"]) {
        pulled += 1;
        yield encode(word);
      }
    };
    const done = runCycle(app, testEnviron().environ, sink);
    await held.started;
    expect(pulled).toBe(1);
    held.release();
    await done;
    expect(pulled).toBe(3);
    expect(sink.events).toEqual(["head 200 OK", "send one", "send two", "send three", "end"]);
  });
});

describe("finishing the body iterator", () => {
  /** A generator app that records whether its finally block ran. */
  function tracked(body: (startResponse: (status: string, headers: Headers) => void) => Body) {
    const state = { finished: false };
    const app: App = async function* (_environ, startResponse) {
      try {
        yield* body(startResponse);
      } finally {
        state.finished = true;
      }
    };
    return { app, state };
  }

  it("runs the generator's finally at the end of the body", async () => {
    const { app, state } = tracked((startResponse) => {
      startResponse("200 OK", [TEXT]);
      return [encode("all")];
    });
    await run(app);
    expect(state.finished).toBe(true);
  });

  it("runs the generator's finally when the server refuses a chunk", async () => {
    const { app, state } = tracked((startResponse) => {
      startResponse("200 OK", [TEXT]);
      return ["text, not bytes" as never, encode("never pulled")];
    });
    const { events, log } = await run(app);
    expect(state.finished).toBe(true);
    expect(events).toEqual(["head 500 Internal Server Error", expect.stringMatching(/^end /)]);
    expect(log).toContain("body chunks must be Uint8Array");
  });

  it("runs the generator's finally when the client goes away, and logs nothing", async () => {
    const sink = new RecordingSink();
    const held = sink.hold();
    const finished = signal();
    const app: App = async function* (_environ, startResponse) {
      try {
        startResponse("200 OK", [TEXT]);
        while (true) yield encode("more");
      } finally {
        finished.resolve();
      }
    };
    const { environ, logged } = testEnviron();
    const done = runCycle(app, environ, sink);
    await held.started;
    held.clientGone();
    await finished.promise;
    await done;
    expect(sink.events).toEqual(["head 200 OK", "send more", "abort"]);
    expect(logged).toEqual([]);
  });

  it("finishes a plain (sync) iterator too", async () => {
    let returned = false;
    const iterator: IterableIterator<Uint8Array> = {
      [Symbol.iterator]: () => iterator,
      next: () => ({ done: false, value: "oops" as never }),
      return: () => {
        returned = true;
        return { done: true, value: undefined };
      },
    };
    await run(answering([TEXT], iterator));
    expect(returned).toBe(true);
  });
});

describe("errors", () => {
  it("answers an error before the headers with a plain 500 page that tells nothing", async () => {
    const app: App = () => {
      throw new Error("secret database password in this message");
    };
    const sink = new RecordingSink();
    const { environ, logged } = testEnviron();
    const error = await runCycle(app, environ, sink);
    const page = sink.events[1] ?? "";
    expect(sink.events[0]).toBe("head 500 Internal Server Error");
    expect(sink.header("Content-Type")).toBe("text/html; charset=utf-8");
    expect(page).toContain("Internal Server Error");
    expect(page).not.toContain("secret");
    expect(page).not.toMatch(/at .*\.ts/);
    expect(error).toBeInstanceOf(Error);
    expect(logged.join("")).toContain("Error while serving GET /page?x=1");
    expect(logged.join("")).toContain("secret database password in this message");
    expect(logged.join("")).toMatch(/\n\s+at /);
  });

  it("logs control characters from an error message as escapes, so the terminal shows them as text", async () => {
    const app: App = () => {
      throw new Error("bad name \u001b[2J\u0007 here");
    };
    const { log } = await run(app);
    expect(log).toContain("bad name \\u001b[2J\\u0007 here");
    expect(log.replace(/[\n\t]/g, "")).not.toMatch(/\p{Cc}/u);
  });

  it("answers an error from an async app's promise the same way", async () => {
    const app: App = async () => {
      throw new Error("async failure");
    };
    const { events, log } = await run(app);
    expect(events[0]).toBe("head 500 Internal Server Error");
    expect(log).toContain("async failure");
  });

  it("cuts the response when the app fails after the headers went out", async () => {
    const app: App = async function* (_environ, startResponse) {
      startResponse("200 OK", [TEXT]);
      yield encode("half a page");
      throw new Error("failed mid-stream");
    };
    const { events, log } = await run(app);
    expect(events).toEqual(["head 200 OK", "send half a page", "abort"]);
    expect(log).toContain("failed mid-stream");
  });

  it("refuses a bare string body, saying to return a list", async () => {
    const { events, log } = await run(answering([TEXT], "text" as never));
    expect(events[0]).toBe("head 500 Internal Server Error");
    expect(log).toContain("return a list of chunks");
  });

  it("refuses a body that is not iterable", async () => {
    const { log } = await run(answering([TEXT], undefined as never));
    expect(log).toContain("the app returned undefined");
  });
});

describe("Content-Length", () => {
  it("gives a one-chunk list body a Content-Length", async () => {
    const { sink, events } = await run(answering([TEXT], [encode("héllo")]));
    expect(sink.header("Content-Length")).toBe("6");
    expect(events).toEqual(["head 200 OK", "end héllo"]);
  });

  it("gives an empty list body a Content-Length of 0", async () => {
    const { sink } = await run(answering([TEXT], []));
    expect(sink.header("Content-Length")).toBe("0");
  });

  it("adds none to a streamed body, which the server then sends chunked", async () => {
    const { sink } = await run(answering([TEXT], [encode("a"), encode("b")]));
    expect(sink.header("Content-Length")).toBeUndefined();
  });

  it("refuses an app's Content-Length on a 204, which has no content", async () => {
    const { events, log } = await run(answering([["Content-Length", "5"]], [], "204 No Content"));
    expect(events[0]).toBe("head 500 Internal Server Error");
    expect(log).toContain("leave out its Content-Length");
  });

  it("keeps an app's Content-Length on a 304, the length of the 200 it stands for", async () => {
    const { sink, events, error } = await run(
      answering([["Content-Length", "5"]], [], "304 Not Modified"),
    );
    expect(error).toBeUndefined();
    expect(events).toEqual(["head 304 Not Modified", "end"]);
    expect(sink.header("Content-Length")).toBe("5");
  });

  it("adds none to a 204 or a 304 answer", async () => {
    const noContent = await run(answering([], [], "204 No Content"));
    const notModified = await run(answering([], [], "304 Not Modified"));
    expect(noContent.sink.header("Content-Length")).toBeUndefined();
    expect(notModified.sink.header("Content-Length")).toBeUndefined();
  });

  it("keeps the app's own Content-Length", async () => {
    const { sink } = await run(answering([TEXT, ["content-length", "2"]], [encode("ok")]));
    expect(sink.headers.filter(([name]) => /^content-length$/i.test(name))).toHaveLength(1);
  });

  it("never sends more bytes than declared: the response is cut and the reason logged", async () => {
    const body = [encode("12345"), encode("67890"), encode("x")];
    const { events, log } = await run(answering([TEXT, ["Content-Length", "8"]], body));
    expect(events).toEqual(["head 200 OK", "send 12345", "abort"]);
    expect(log).toContain("more than its Content-Length of 8");
  });

  it("answers 500 when the very first chunk is already too long", async () => {
    const body = [encode("too long")];
    const { events } = await run(answering([TEXT, ["Content-Length", "3"]], body));
    expect(events[0]).toBe("head 500 Internal Server Error");
  });

  it("cuts a response that ends short of its Content-Length", async () => {
    const app: App = function* (_environ, startResponse) {
      startResponse("200 OK", [TEXT, ["Content-Length", "10"]]);
      yield encode("short");
    };
    const { events, log } = await run(app);
    expect(events).toEqual(["head 200 OK", "send short", "abort"]);
    expect(log).toContain("sent 5 of the 10 bytes");
  });
});

describe("HEAD", () => {
  it("sends the headers of GET, Content-Length included, and no body", async () => {
    const app = answering([TEXT], [encode("the body")]);
    const get = await run(app, "GET");
    const head = await run(app, "HEAD");
    expect(head.sink.headers).toEqual(get.sink.headers);
    expect(head.sink.header("Content-Length")).toBe("8");
    expect(head.events).toEqual(["head 200 OK", "end"]);
  });

  it("stops a streamed body at its first bytes, and finishes it there", async () => {
    const steps: string[] = [];
    const app: App = function* (_environ, startResponse) {
      try {
        startResponse("200 OK", [TEXT]);
        yield new Uint8Array(0);
        steps.push("first bytes");
        yield encode("one");
        steps.push("asked for more");
        yield encode("two");
      } finally {
        steps.push("finally");
      }
    };
    const { events, sink } = await run(app, "HEAD");
    expect(events).toEqual(["head 200 OK", "end"]);
    expect(steps).toEqual(["first bytes", "finally"]);
    expect(sink.header("Content-Length")).toBeUndefined();
  });

  it("answers 500, as GET does, when the body fails before its first bytes", async () => {
    const app: App = function* (_environ, startResponse) {
      startResponse("200 OK", [TEXT]);
      yield new Uint8Array(0);
      throw new Error("no stock");
    };
    const { events, log } = await run(app, "HEAD");
    expect(events[0]).toBe("head 500 Internal Server Error");
    expect(log).toContain("no stock");
  });

  it("adds no Content-Length to an empty body: the app may have left out the GET's", async () => {
    const app: App = (environ, startResponse) => {
      startResponse("200 OK", [TEXT]);
      return environ.REQUEST_METHOD === "HEAD" ? [] : [encode("the body")];
    };
    const { sink, events } = await run(app, "HEAD");
    expect(events).toEqual(["head 200 OK", "end"]);
    expect(sink.header("Content-Length")).toBeUndefined();
  });

  it("accepts an app that sends no body but declares the GET body's length", async () => {
    const { events, error } = await run(answering([TEXT, ["Content-Length", "8"]], []), "HEAD");
    expect(error).toBeUndefined();
    expect(events).toEqual(["head 200 OK", "end"]);
  });
});

describe("what never reaches the peer", () => {
  const broken: Array<[string, App]> = [
    ["a CR LF in the status", answering([TEXT], [], "200 OK\r\nX-Evil: 1")],
    ["a status without a reason", answering([TEXT], [], "200")],
    ["a CR LF in a header name", answering([["X-A\r\nX-Evil", "1"]], [])],
    ["a LF in a header value", answering([["X-A", "1\nX-Evil: 1"]], [])],
    ["a NUL in a header value", answering([["X-A", "1\u0000"]], [])],
    ["a character past latin-1 in a header value", answering([["X-A", "€"]], [])],
    ["the hop-by-hop header Connection", answering([["Connection", "close"]], [])],
    ["the hop-by-hop header Transfer-Encoding", answering([["Transfer-Encoding", "gzip"]], [])],
    ["a Content-Length that is not a number", answering([["Content-Length", "-1"]], [])],
    [
      "two Content-Length headers",
      answering(
        [
          ["Content-Length", "0"],
          ["Content-Length", "0"],
        ],
        [],
      ),
    ],
  ];

  for (const [what, app] of broken) {
    it(`answers 500 to ${what}, and logs why`, async () => {
      const { sink, events, log } = await run(app);
      expect(events).toEqual(["head 500 Internal Server Error", expect.stringMatching(/^end /)]);
      expect(sink.headers.map(([name]) => name)).toEqual(["Content-Type", "Content-Length"]);
      expect(log).toMatch(/TypeError: (invalid|the app may not|Content-Length)/);
    });
  }

  it("allows a tab and latin-1 letters in a header value", async () => {
    const { events } = await run(answering([["X-Name", "caf\u00e9\tau lait"]], []));
    expect(events[0]).toBe("head 200 OK");
  });
});
