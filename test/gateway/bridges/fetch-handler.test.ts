import { describe, expect, it } from "vitest";
import { type ConnectionInfo, fetchHandler } from "../../../gateway/bridges/fetch-handler.ts";
import { collect, encode } from "../../../gateway/bytes.ts";
import type { App, Environ } from "../../../gateway/types.ts";
import { checkFinished, validator } from "../../../gateway/validator/index.ts";
import { settle } from "../../support/back-pressure.ts";
import { signal } from "../../support/signal.ts";
import { RecordedErrors } from "../http-helpers.ts";

const TEXT: [string, string] = ["Content-Type", "text/plain; charset=utf-8"];

/** Runs `app` for `request`, and gives back the environ it saw. */
async function environFor(request: Request, options = {}, info?: ConnectionInfo): Promise<Environ> {
  let seen: Environ | undefined;
  const app: App = (environ, startResponse) => {
    seen = environ;
    startResponse("204 No Content", []);
    return [];
  };
  await fetchHandler(app, options)(request, info);
  if (seen === undefined) throw new Error("the app was not called");
  return seen;
}

describe("the environ fetchHandler builds from a Request", () => {
  it("takes the path, query, server and scheme from the URL, and the headers as HTTP_ keys", async () => {
    const request = new Request("http://example.org:8080/caf%C3%A9/a%20b?x=%20&y=1", {
      headers: { "X-Custom": "yes", "Accept-Language": "fr" },
    });
    const environ = await environFor(request);
    expect(environ).toMatchObject({
      REQUEST_METHOD: "GET",
      SCRIPT_NAME: "",
      PATH_INFO: "/café/a b",
      QUERY_STRING: "x=%20&y=1",
      REQUEST_URI: "/caf%C3%A9/a%20b?x=%20&y=1",
      SERVER_NAME: "example.org",
      SERVER_PORT: "8080",
      SERVER_PROTOCOL: "HTTP/1.1",
      HTTP_HOST: "example.org:8080",
      HTTP_X_CUSTOM: "yes",
      HTTP_ACCEPT_LANGUAGE: "fr",
      "gateway.url_scheme": "http",
    });
    expect("REMOTE_ADDR" in environ).toBe(false); // a Request does not say who sent it
  });

  it("takes REMOTE_ADDR from what the runtime passes beside the Request: Deno's info, or Bun's server", async () => {
    const request = new Request("http://example.org/");
    const deno = await environFor(request, {}, { remoteAddr: { hostname: "203.0.113.9" } });
    expect(deno.REMOTE_ADDR).toBe("203.0.113.9");
    const bun: ConnectionInfo = {
      requestIP: (asked) => (asked === request ? { address: "198.51.100.7" } : null),
    };
    expect((await environFor(request, {}, bun)).REMOTE_ADDR).toBe("198.51.100.7");
  });

  it("gives https its default port, and an IPv6 host without its brackets", async () => {
    const secure = await environFor(new Request("https://example.org/"));
    expect([secure.SERVER_PORT, secure["gateway.url_scheme"]]).toEqual(["443", "https"]);
    const local = await environFor(new Request("http://[::1]/"));
    expect([local.SERVER_NAME, local.SERVER_PORT, local.HTTP_HOST]).toEqual(["::1", "80", "[::1]"]);
  });

  it("cuts the host from the path at the first slash after it, whatever the query holds", async () => {
    const environ = await environFor(new Request("http://[::1]:8080/next?to=//example.org/a"));
    expect(environ).toMatchObject({
      SERVER_NAME: "::1",
      SERVER_PORT: "8080",
      HTTP_HOST: "[::1]:8080",
      PATH_INFO: "/next",
      QUERY_STRING: "to=//example.org/a",
      REQUEST_URI: "/next?to=//example.org/a",
    });
  });

  it("moves the scriptName option from PATH_INFO to SCRIPT_NAME", async () => {
    const options = { scriptName: "/legacy" };
    const page = await environFor(new Request("http://localhost/legacy/page?x=1"), options);
    expect([page.SCRIPT_NAME, page.PATH_INFO, page.REQUEST_URI]).toEqual([
      "/legacy",
      "/page",
      "/legacy/page?x=1",
    ]);
    const mount = await environFor(new Request("http://localhost/legacy"), options);
    expect(mount.PATH_INFO).toBe("");
  });

  it("answers 404 for a path outside the scriptName, and refuses a scriptName that is not a path", async () => {
    const handle = fetchHandler(() => [], { scriptName: "/legacy" });
    const answer = await handle(new Request("http://localhost/legacy-free"));
    expect(answer.status).toBe(404);
    expect(() => fetchHandler(() => [], { scriptName: "/legacy/" })).toThrow(TypeError);
    expect(() => fetchHandler(() => [], { scriptName: "legacy" })).toThrow(TypeError);
  });

  it("answers 400 when the path is not valid UTF-8", async () => {
    const answer = await fetchHandler(() => [])(new Request("http://localhost/%FF"));
    expect(answer.status).toBe(400);
    expect(await answer.text()).toContain("not valid percent-encoded UTF-8");
  });

  it("answers 400 for a Request whose URL has no host", async () => {
    const answer = await fetchHandler(() => [])(new Request("data:,hello"));
    expect(answer.status).toBe(400);
    expect(await answer.text()).toContain("has no host and path");
  });

  it("builds an environ the validator accepts", async () => {
    const app = validator((environ, startResponse) => {
      startResponse("200 OK", [TEXT]);
      return [encode(environ.PATH_INFO)];
    });
    let seen: Environ | undefined;
    const watched: App = (environ, startResponse) => {
      seen = environ;
      return app(environ, startResponse);
    };
    const answer = await fetchHandler(watched)(new Request("http://localhost/checked"));
    expect(await answer.text()).toBe("/checked");
    expect(seen).toBeDefined();
    checkFinished(seen as Environ); // the body the validator handed out was finished
  });
});

describe("the request body, through fetchHandler", () => {
  it("reaches the app as gateway.input, with its Content-Type", async () => {
    const echo: App = async (environ, startResponse) => {
      const body = await collect(environ["gateway.input"]);
      startResponse("200 OK", [TEXT]);
      return [encode(`${environ.CONTENT_TYPE}: `), body];
    };
    const answer = await fetchHandler(echo)(
      new Request("http://localhost/", {
        method: "POST",
        headers: { "Content-Type": "application/x-www-form-urlencoded" },
        body: "name=Ada",
      }),
    );
    expect(await answer.text()).toBe("application/x-www-form-urlencoded: name=Ada");
  });

  it("tells the app when the Request's body was read before it got it", async () => {
    const errors = new RecordedErrors();
    const reader: App = async (environ, startResponse) => {
      await collect(environ["gateway.input"]);
      startResponse("200 OK", [TEXT]);
      return [];
    };
    const request = new Request("http://localhost/", { method: "POST", body: "name=Ada" });
    const early = request.body?.getReader(); // a middleware that reads it first
    await early?.read();
    const answer = await fetchHandler(reader, { errors })(request);
    expect(answer.status).toBe(500);
    expect(errors.text).toContain("the Request's body was already read");
  });

  it("streams in from a ReadableStream, chunk by chunk", async () => {
    const sizes: number[] = [];
    const counter: App = async (environ, startResponse) => {
      for await (const chunk of environ["gateway.input"]) sizes.push(chunk.byteLength);
      startResponse("200 OK", [TEXT]);
      return [encode(String(sizes.length))];
    };
    const parts = ["one", "three", "fives"].map((text) => encode(text));
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        const part = parts.shift();
        if (part === undefined) controller.close();
        else controller.enqueue(part);
      },
    });
    // A stream body needs `duplex`, which TypeScript's DOM types do not list yet.
    const init: RequestInit & { duplex: "half" } = { method: "PUT", body, duplex: "half" };
    const request = new Request("http://localhost/", init);
    expect(await (await fetchHandler(counter)(request)).text()).toBe("3");
    expect(sizes).toEqual([3, 5, 5]);
  });
});

describe("what fetchHandler leaves alone", () => {
  /** A Request that counts reads of its body and signal, which a runtime may build on demand. */
  function watchedRequest(init?: RequestInit): { request: Request; reads: string[] } {
    const reads: string[] = [];
    const request = new Request("http://localhost/", init);
    for (const name of ["body", "signal"] as const) {
      const real = Reflect.get(Request.prototype, name, request);
      Object.defineProperty(request, name, {
        get: () => {
          reads.push(name);
          return real;
        },
      });
    }
    return { request, reads };
  }

  it("opens the request's body and signal only when the app reads them", async () => {
    const hello: App = (_environ, startResponse) => {
      startResponse("200 OK", [TEXT]);
      return [encode("hello")];
    };
    const quiet = watchedRequest({ method: "POST", body: "name=Ada" });
    await fetchHandler(hello)(quiet.request);
    expect(quiet.reads).toEqual([]);

    const curious: App = async (environ, startResponse) => {
      const body = await collect(environ["gateway.input"]);
      startResponse("200 OK", [TEXT]);
      return [body, encode(String(environ["gateway.signal"].aborted))];
    };
    const read = watchedRequest({ method: "POST", body: "name=Ada" });
    const answer = await fetchHandler(curious)(read.request);
    expect(await answer.text()).toBe("name=Adafalse");
    expect(read.reads).toContain("body");
    expect(read.reads).toContain("signal");
  });

  it("gives a GET's empty gateway.input when the app reads it", async () => {
    const counter: App = async (environ, startResponse) => {
      const body = await collect(environ["gateway.input"]);
      startResponse("200 OK", [TEXT]);
      return [encode(String(body.byteLength))];
    };
    const answer = await fetchHandler(counter)(new Request("http://localhost/"));
    expect(await answer.text()).toBe("0");
  });

  it("returns the Response itself, not a promise, when the app gave its whole body at once", async () => {
    const hello: App = (_environ, startResponse) => {
      startResponse("200 OK", [TEXT]);
      return [encode("hello")];
    };
    const answer = fetchHandler(hello)(new Request("http://localhost/"));
    expect(answer).toBeInstanceOf(Response);
    const later: App = async (_environ, startResponse) => {
      startResponse("200 OK", [TEXT]);
      return [encode("hello")];
    };
    expect(fetchHandler(later)(new Request("http://localhost/"))).toBeInstanceOf(Promise);
  });
});

describe("the Response fetchHandler answers with", () => {
  it("has the app's status, reason and headers, each Set-Cookie apart, and a Content-Length", async () => {
    const app: App = (_environ, startResponse) => {
      startResponse("201 Made It", [TEXT, ["Set-Cookie", "a=1"], ["Set-Cookie", "b=2"]]);
      return [encode("created")];
    };
    const answer = await fetchHandler(app)(new Request("http://localhost/"));
    expect([answer.status, answer.statusText]).toEqual([201, "Made It"]);
    expect(answer.headers.getSetCookie()).toEqual(["a=1", "b=2"]);
    expect(answer.headers.get("content-length")).toBe("7");
    expect(await answer.text()).toBe("created");
  });

  it("has no body for a 204 or a HEAD request", async () => {
    const app: App = (_environ, startResponse) => {
      startResponse("204 No Content", []);
      return [];
    };
    expect((await fetchHandler(app)(new Request("http://localhost/"))).body).toBeNull();
    const page: App = (_environ, startResponse) => {
      startResponse("200 OK", [TEXT]);
      return [encode("a page")];
    };
    const head = await fetchHandler(page)(new Request("http://localhost/", { method: "HEAD" }));
    expect(head.headers.get("content-length")).toBe("6");
    expect(await head.text()).toBe("");
  });

  it("is the gateway's 500 page when the app fails before its headers, and the error is logged", async () => {
    const errors = new RecordedErrors();
    const failing: App = () => {
      throw new Error("the database is down");
    };
    const answer = await fetchHandler(failing, { errors })(new Request("http://localhost/x"));
    expect(answer.status).toBe(500);
    expect(await answer.text()).toContain("<h1>Internal Server Error</h1>");
    expect(errors.text).toContain("Error while serving GET /x");
    expect(errors.text).toContain("the database is down");
  });
});

describe("streaming a body out through fetchHandler", () => {
  it("comes out before the generator has finished", async () => {
    const goOn = signal();
    const app: App = async function* (_environ, startResponse) {
      startResponse("200 OK", [TEXT]);
      yield encode("first");
      await goOn.promise;
      yield encode("second");
    };
    const answer = await fetchHandler(app)(new Request("http://localhost/"));
    const reader = answer.body?.getReader();
    expect(new TextDecoder().decode((await reader?.read())?.value)).toBe("first");
    goOn.resolve();
    expect(new TextDecoder().decode((await reader?.read())?.value)).toBe("second");
    expect((await reader?.read())?.done).toBe(true);
  });

  it("pulls the generator at most one chunk ahead of a slow reader", async () => {
    let yielded = 0;
    const app: App = async function* (_environ, startResponse) {
      startResponse("200 OK", [TEXT]);
      while (yielded < 1000) {
        yielded += 1;
        yield encode(`chunk ${yielded}\n`);
      }
    };
    const answer = await fetchHandler(app)(new Request("http://localhost/"));
    const reader = answer.body?.getReader();
    if (reader === undefined) throw new Error("no body");
    await settle(() => yielded);
    expect(yielded).toBe(1); // the first chunk, which let the Response out
    for (let read = 1; read <= 5; read += 1) {
      await reader.read();
      await settle(() => yielded); // the reader stops to think: the generator must wait too
      expect(yielded).toBeLessThanOrEqual(read + 1);
    }
    await reader.cancel();
  });

  it("runs the generator's finally when the reader cancels the body", async () => {
    const finished = signal();
    let pulled = 0;
    const app: App = async function* (_environ, startResponse) {
      try {
        startResponse("200 OK", [TEXT]);
        for (; pulled < 1000; pulled += 1) yield encode("more");
      } finally {
        finished.resolve();
      }
    };
    const answer = await fetchHandler(app)(new Request("http://localhost/"));
    const reader = answer.body?.getReader();
    await reader?.read();
    await reader?.cancel();
    await finished.promise;
    expect(pulled).toBeLessThan(1000);
  });

  it("errors the body stream when the app fails after its headers, so the reader sees a cut body", async () => {
    const errors = new RecordedErrors();
    const app: App = async function* (_environ, startResponse) {
      startResponse("200 OK", [TEXT]);
      yield encode("half a page");
      throw new Error("the disk is gone");
    };
    const answer = await fetchHandler(app, { errors })(new Request("http://localhost/"));
    expect(answer.status).toBe(200);
    const reader = answer.body?.getReader();
    expect(new TextDecoder().decode((await reader?.read())?.value)).toBe("half a page");
    await expect(reader?.read()).rejects.toThrow("the body is cut short");
    expect(errors.text).toContain("the disk is gone");
  });
});
