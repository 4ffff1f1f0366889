import { describe, expect, it } from "vitest";
import { encode } from "../../../gateway/bytes.ts";
import type { App, Body } from "../../../gateway/types.ts";
import { checkFinished, validator } from "../../../gateway/validator/index.ts";
import { bodyOf, brokenRule, exchange, serve, TEXT } from "./harness.ts";

/** An app that starts a text response with these extra headers and returns `body`. */
function returning(
  body: unknown,
  status = "200 OK",
  headers: Array<[string, string]> = [TEXT],
): App {
  return (_environ, startResponse) => {
    startResponse(status, headers);
    return body as Body;
  };
}

/** A generator app that counts how far it ran, and whether its finally block ran. */
function counting() {
  const progress = { yielded: 0, finished: false };
  const app: App = function* (_environ, startResponse) {
    startResponse("200 OK", [TEXT]);
    try {
      for (const word of ["one", "two", "three"]) {
        progress.yielded += 1;
        yield encode(word);
      }
    } finally {
      progress.finished = true;
    }
  };
  return { app, progress };
}

/** The body's async iterator, for tests that play the server step by step. */
function stepper(body: Body): AsyncIterator<Uint8Array> {
  return (body as AsyncIterable<Uint8Array>)[Symbol.asyncIterator]();
}

describe("the validator checks what the app returns", () => {
  it.each([undefined, null, 42, { chunk: encode("x") }])("refuses the body %j", async (body) => {
    expect(await brokenRule(() => serve(returning(body)))).toBe("body-iterable");
  });

  it.each(["Hello", encode("Hello")])(
    "refuses a body that is one string or one Uint8Array: %j",
    async (body) => {
      expect(await brokenRule(() => serve(returning(body)))).toBe("body-not-chunk");
    },
  );

  it("refuses an array holding a string", async () => {
    expect(await brokenRule(() => serve(returning([encode("a"), "b"])))).toBe("chunk-bytes");
  });

  it("refuses a generator that yields a string, and still finishes the generator", async () => {
    let finished = false;
    const app: App = function* (_environ, startResponse) {
      startResponse("200 OK", [TEXT]);
      try {
        yield "Hello" as never;
      } finally {
        finished = true;
      }
    };
    expect(await brokenRule(() => serve(app))).toBe("chunk-bytes");
    expect(finished).toBe(true);
  });

  it("refuses an async generator that yields numbers", async () => {
    const app: App = async function* (_environ, startResponse) {
      startResponse("200 OK", [TEXT]);
      yield 72 as never;
    };
    expect(await brokenRule(() => serve(app))).toBe("chunk-bytes");
  });
});

describe("the validator checks that startResponse comes before the body", () => {
  it("refuses an array returned before startResponse was called", async () => {
    const app: App = () => [encode("Hello")];
    expect(await brokenRule(() => serve(app))).toBe("start-before-body");
  });

  it("refuses a generator that yields before calling startResponse", async () => {
    const app: App = function* (_environ, startResponse) {
      yield encode("too early");
      startResponse("200 OK", [TEXT]);
    };
    expect(await brokenRule(() => serve(app))).toBe("start-before-body");
  });

  it("refuses even an empty chunk yielded before startResponse, as the server does", async () => {
    const app: App = function* (_environ, startResponse) {
      yield new Uint8Array(0);
      startResponse("200 OK", [TEXT]);
      yield encode("Hello");
    };
    expect(await brokenRule(() => serve(app))).toBe("start-before-body");
  });

  it("refuses an empty body that never called startResponse", async () => {
    const app: App = function* () {};
    expect(await brokenRule(() => serve(app))).toBe("start-before-body");
  });
});

describe("the validator streams the body without changing it", () => {
  it("pulls one chunk from the app for each chunk the server asks for", async () => {
    const { app, progress } = counting();
    const chunks = stepper(await bodyOf(app));
    await chunks.next();
    expect(progress.yielded).toBe(1);
    await chunks.next();
    expect(progress.yielded).toBe(2);
    await chunks.return?.();
  });

  it("passes return() on to the app's generator, so its finally block runs", async () => {
    const { app, progress } = counting();
    const chunks = stepper(await bodyOf(app));
    await chunks.next();
    await chunks.return?.();
    expect(progress).toEqual({ yielded: 1, finished: true });
  });

  it("stays quiet about a body the server stopped early with return()", async () => {
    const { app } = counting();
    const { environ, startResponse } = exchange();
    const body = await validator(app)(environ, startResponse);
    for await (const _chunk of body) break;
    expect(() => checkFinished(environ)).not.toThrow();
  });
});

describe("the validator checks how the server reads the body", () => {
  it("reports a body the server left unfinished", async () => {
    const { app, progress } = counting();
    const { environ, startResponse } = exchange();
    const chunks = stepper(await validator(app)(environ, startResponse));
    await chunks.next();
    expect(await brokenRule(() => checkFinished(environ))).toBe("body-finished");
    expect(progress.finished).toBe(false);
  });

  it("refuses a server that reads a body again after it ran to its end", async () => {
    const chunks = stepper(await bodyOf(returning(new Set([encode("only")]))));
    await chunks.next();
    await chunks.next();
    expect(await brokenRule(() => chunks.next())).toBe("read-after-finish");
  });

  it("refuses a server that reads a body again after calling return()", async () => {
    const { app } = counting();
    const chunks = stepper(await bodyOf(app));
    await chunks.next();
    await chunks.return?.();
    expect(await brokenRule(() => chunks.next())).toBe("read-after-finish");
  });

  it("counts a body whose generator threw as finished: its finally blocks already ran", async () => {
    const app: App = function* (_environ, startResponse) {
      startResponse("200 OK", [TEXT]);
      yield encode("first");
      throw new Error("the database is down");
    };
    const { environ, startResponse } = exchange();
    const chunks = stepper(await validator(app)(environ, startResponse));
    await chunks.next();
    await expect(chunks.next()).rejects.toThrow("the database is down");
    expect(() => checkFinished(environ)).not.toThrow();
  });
});

describe("the validator checks the body against its Content-Length", () => {
  it("refuses an array longer than its Content-Length", async () => {
    const app = returning([encode("Hello!")], "200 OK", [TEXT, ["Content-Length", "5"]]);
    expect(await brokenRule(() => serve(app))).toBe("content-length-match");
  });

  it("refuses a generator shorter than its Content-Length, when it ends", async () => {
    const app: App = function* (_environ, startResponse) {
      startResponse("200 OK", [TEXT, ["Content-Length", "10"]]);
      yield encode("Hello");
    };
    expect(await brokenRule(() => serve(app))).toBe("content-length-match");
  });

  it("refuses the chunk that goes past the Content-Length, before asking for more", async () => {
    const { app, progress } = counting();
    const withLength: App = (environ, startResponse) =>
      app(environ, (status, headers) =>
        startResponse(status, [...headers, ["Content-Length", "4"]]),
      );
    expect(await brokenRule(() => serve(withLength))).toBe("content-length-match");
    expect(progress).toEqual({ yielded: 2, finished: true });
  });

  it("counts the bytes given to write() as part of the body", async () => {
    const app: App = async (_environ, startResponse) => {
      await startResponse("200 OK", [TEXT, ["Content-Length", "5"]])(encode("Hello"));
      return [encode("!")];
    };
    expect(await brokenRule(() => serve(app))).toBe("content-length-match");
  });

  it("does not hold a HEAD answer to its Content-Length", async () => {
    const app = returning([], "200 OK", [TEXT, ["Content-Length", "5"]]);
    expect(await brokenRule(() => serve(app, { REQUEST_METHOD: "HEAD" }))).toBe("none");
  });

  it.each(["204 No Content", "304 Not Modified"])(
    "refuses body bytes in a %s response",
    async (status) => {
      expect(await brokenRule(() => serve(returning([encode("x")], status, [])))).toBe(
        "no-body-allowed",
      );
    },
  );

  it("refuses body bytes written with write() in a 204 response", async () => {
    const app: App = async (_environ, startResponse) => {
      await startResponse("204 No Content", [])(encode("x"));
      return [];
    };
    expect(await brokenRule(() => serve(app))).toBe("no-body-allowed");
  });
});
