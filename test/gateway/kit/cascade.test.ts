import { describe, expect, it } from "vitest";
import { collect, decode, encode } from "../../../gateway/bytes.ts";
import { cascade } from "../../../gateway/kit/cascade.ts";
import { httpErrors } from "../../../gateway/kit/http-error-middleware.ts";
import { notFound } from "../../../gateway/kit/http-errors.ts";
import { TestClient } from "../../../gateway/test-client.ts";
import type { App, InputStream } from "../../../gateway/types.ts";

const TEXT: [string, string] = ["Content-Type", "text/plain"];

/** An app that answers `status` with `text`, as an array. */
function answering(status: string, text: string): App {
  return (_environ, startResponse) => {
    startResponse(status, [TEXT]);
    return [encode(text)];
  };
}

/** A generator app that calls startResponse lazily, and records whether its finally block ran. */
function lazy(status: string, text: string) {
  const state = { finished: false };
  const app: App = function* (_environ, startResponse) {
    try {
      startResponse(status, [TEXT]);
      yield encode(text);
      yield encode("!");
    } finally {
      state.finished = true;
    }
  };
  return { app, state };
}

/** An app that reads `bytes` bytes of the body (all if undefined), then answers `status` with what it read. */
function reading(status: string, bytes?: number): App {
  return async (environ, startResponse) => {
    const chunks: Uint8Array[] = [];
    let size = 0;
    for await (const chunk of environ["gateway.input"]) {
      chunks.push(chunk);
      size += chunk.byteLength;
      if (bytes !== undefined && size >= bytes) break;
    }
    startResponse(status, [TEXT]);
    return [encode(`read ${decode(chunks)}`)];
  };
}

/** A request body in chunks, which records whether it was closed. */
function chunkedInput(parts: string[]) {
  const state = { closed: false };
  const input: InputStream = {
    async *[Symbol.asyncIterator]() {
      try {
        for (const part of parts) yield encode(part);
      } finally {
        state.closed = true;
      }
    },
  };
  return { input, state };
}

describe("cascade: trying apps in turn", () => {
  it("asks the next app while an app answers 404", async () => {
    const app = cascade([
      answering("404 Not Found", "a"),
      answering("404 Not Found", "b"),
      answering("200 OK", "c"),
    ]);
    const response = await new TestClient(app).get("/");
    expect([response.statusCode, response.text]).toEqual([200, "c"]);
  });

  it("stops at the first answer that is not 404, passing it on unchanged", async () => {
    const app = cascade([answering("403 Forbidden", "no"), answering("200 OK", "never")]);
    const response = await new TestClient(app).get("/");
    expect([response.statusCode, response.text, response.header("Content-Length")]).toEqual([
      403,
      "no",
      "2",
    ]);
  });

  it("takes the last app's answer, even a 404", async () => {
    const app = cascade([answering("404 Not Found", "a"), answering("404 Not Found", "last")]);
    const response = await new TestClient(app).get("/");
    expect([response.statusCode, response.text]).toEqual([404, "last"]);
  });

  it("passes on the statuses it is told to", async () => {
    const app = cascade([answering("405 Method Not Allowed", "a"), answering("200 OK", "b")], {
      statuses: [404, 405],
    });
    expect((await new TestClient(app).get("/")).text).toBe("b");
  });

  it("counts a thrown HttpError with such a status as a 404 answer", async () => {
    const thrower: App = () => {
      throw notFound();
    };
    expect((await new TestClient(cascade([thrower, answering("200 OK", "b")])).get("/")).text).toBe(
      "b",
    );
  });

  it("finishes the abandoned body of a generator that answered 404 in its first step", async () => {
    const first = lazy("404 Not Found", "skipped");
    const response = await new TestClient(cascade([first.app, answering("200 OK", "b")])).get("/");
    expect([response.text, first.state.finished]).toEqual(["b", true]);
  });

  it("finishes the abandoned body of an app that answered 404 before returning it", async () => {
    const state = { closed: false };
    const eager: App = (_environ, startResponse) => {
      startResponse("404 Not Found", [TEXT]);
      // A body like a file stream: return() is where it lets go of the file.
      return {
        [Symbol.iterator]: () => ({
          next: () => ({ done: false, value: encode("skipped") }),
          return: () => {
            state.closed = true;
            return { done: true, value: undefined };
          },
        }),
      };
    };
    const response = await new TestClient(cascade([eager, answering("200 OK", "b")])).get("/");
    expect([response.text, state.closed]).toEqual(["b", true]);
  });

  it("drops what a skipped app sent through write()", async () => {
    const writer: App = async (_environ, startResponse) => {
      const write = startResponse("404 Not Found", [TEXT]);
      await write(encode("lost"));
      return [];
    };
    expect(
      (await new TestClient(cascade([writer, answering("200 OK", "kept")])).get("/")).text,
    ).toBe("kept");
  });

  it("keeps the first chunk it took from a lazy generator, and finishes the body", async () => {
    const first = lazy("200 OK", "whole");
    const response = await new TestClient(cascade([first.app, answering("200 OK", "never")])).get(
      "/",
    );
    expect([response.text, first.state.finished]).toEqual(["whole!", true]);
  });

  it("refuses an empty list, something that is not an app, and a status that is not one", () => {
    expect(() => cascade([])).toThrow(/non-empty array/);
    expect(() => cascade([answering("200 OK", ""), 42 as unknown as App])).toThrow(
      /apps\[1\] is number/,
    );
    expect(() => cascade([answering("200 OK", "")], { statuses: [4040] })).toThrow(
      /not an HTTP status/,
    );
  });
});

describe("cascade: the request body", () => {
  it("gives the next app the whole body, after an app read part of it and answered 404", async () => {
    const { input } = chunkedInput(["one,", "two,", "three"]);
    const app = cascade([reading("404 Not Found", 4), reading("200 OK")]);
    const response = await new TestClient(app).post("/", { environ: { "gateway.input": input } });
    expect(response.text).toBe("read one,two,three");
  });

  it("answers 413 when an app that may be skipped reads more than the input limit", async () => {
    const app = cascade([reading("404 Not Found"), reading("200 OK")], { inputLimit: 5 });
    const response = await new TestClient(httpErrors()(app)).post("/", { body: "more than five" });
    expect(response.statusCode).toBe(413);
  });

  it("keeps nothing for the last app, which may read past the limit", async () => {
    const app = cascade([answering("404 Not Found", ""), reading("200 OK")], { inputLimit: 5 });
    expect((await new TestClient(app).post("/", { body: "more than five" })).text).toBe(
      "read more than five",
    );
  });

  it("closes a request body that an app left half read, once the answer is over", async () => {
    const { input, state } = chunkedInput(["one,", "two,", "three"]);
    const app = cascade([reading("404 Not Found", 4), answering("200 OK", "done")]);
    const response = await new TestClient(app).post("/", { environ: { "gateway.input": input } });
    expect([response.text, state.closed]).toEqual(["done", true]);
  });

  it("gives each app an input it can read only once, like the real one", async () => {
    const twice: App = async (environ, startResponse) => {
      await collect(environ["gateway.input"]);
      await collect(environ["gateway.input"]);
      startResponse("200 OK", [TEXT]);
      return [];
    };
    const response = await new TestClient(cascade([twice, answering("200 OK", "")])).post("/", {
      body: "x",
    });
    expect(response.errors).toContain("can be read only once");
  });
});
