import { describe, expect, it } from "vitest";
import { collect, decode, encode } from "../../../gateway/bytes.ts";
import type { App } from "../../../gateway/types.ts";
import { validator } from "../../../gateway/validator/index.ts";
import { exchange, inputOf, serve, TEXT } from "./harness.ts";

describe("the validator lets a correct app through untouched", () => {
  it("passes an app that returns an array of chunks", async () => {
    const app: App = (_environ, startResponse) => {
      startResponse("200 OK", [TEXT]);
      return [encode("Hello "), encode("World!")];
    };
    const answer = await serve(app);
    expect(answer).toEqual({ status: "200 OK", headers: [TEXT], text: "Hello World!", logged: "" });
  });

  it("hands an array body on as the very same array", async () => {
    const chunks = [encode("Hello")];
    const { environ, startResponse } = exchange();
    const body = validator((_environ, start) => {
      start("200 OK", [TEXT]);
      return chunks;
    })(environ, startResponse);
    expect(body).toBe(chunks);
  });

  it("passes a sync generator app", async () => {
    const app: App = function* (_environ, startResponse) {
      startResponse("200 OK", [TEXT]);
      yield encode("one ");
      yield encode("two");
    };
    expect((await serve(app)).text).toBe("one two");
  });

  it("passes an async generator that calls startResponse lazily, in its first step", async () => {
    const app: App = async function* (_environ, startResponse) {
      await Promise.resolve();
      startResponse("200 OK", [TEXT]);
      yield encode("late ");
      yield encode("start");
    };
    expect((await serve(app)).text).toBe("late start");
  });

  it("passes an async app that resolves to an array", async () => {
    const app: App = async (environ, startResponse) => {
      const name = decode(await collect(environ["gateway.input"]));
      startResponse("200 OK", [TEXT]);
      return [encode(`Hello ${name}!`)];
    };
    const answer = await serve(app, { REQUEST_METHOD: "POST", "gateway.input": inputOf("Ada") });
    expect(answer.text).toBe("Hello Ada!");
  });

  it("passes a HEAD answer that declares the length of the body it leaves out", async () => {
    const app: App = (_environ, startResponse) => {
      startResponse("200 OK", [TEXT, ["Content-Length", "12"]]);
      return [];
    };
    expect((await serve(app, { REQUEST_METHOD: "HEAD" })).status).toBe("200 OK");
  });

  it("passes a HEAD answer that sends its body anyway, for the server to drop", async () => {
    const app: App = (_environ, startResponse) => {
      startResponse("200 OK", [TEXT, ["Content-Length", "5"]]);
      return [encode("Hello")];
    };
    expect((await serve(app, { REQUEST_METHOD: "HEAD" })).text).toBe("Hello");
  });

  it("passes a 204 answer with no Content-Type and no body", async () => {
    const app: App = (_environ, startResponse) => {
      startResponse("204 No Content", []);
      return [new Uint8Array()];
    };
    expect((await serve(app)).status).toBe("204 No Content");
  });

  it("passes a 304 answer that keeps its Content-Length but sends no bytes", async () => {
    const app: App = (_environ, startResponse) => {
      startResponse("304 Not Modified", [
        ["ETag", '"v1"'],
        ["Content-Length", "512"],
      ]);
      return [];
    };
    expect((await serve(app)).status).toBe("304 Not Modified");
  });

  it("passes an app that writes its body with write(), and counts those bytes", async () => {
    const app: App = async (_environ, startResponse) => {
      const write = startResponse("200 OK", [TEXT, ["Content-Length", "11"]]);
      await write(encode("written, "));
      return [encode("ok")];
    };
    expect((await serve(app)).text).toBe("written, ok");
  });

  it("passes an error handler that calls startResponse again with excInfo", async () => {
    const app: App = function* (_environ, startResponse) {
      startResponse("200 OK", [TEXT]);
      try {
        throw new Error("the database is down");
      } catch (error) {
        startResponse("500 Internal Server Error", [TEXT], error);
        yield encode("Sorry.");
      }
    };
    const answer = await serve(app);
    expect([answer.status, answer.text]).toEqual(["500 Internal Server Error", "Sorry."]);
  });

  it("passes an error handler whose first call of startResponse carries excInfo", async () => {
    // PEP 3333 allows it: the handler cannot know whether the app had started before it failed.
    const app: App = (_environ, startResponse) => {
      startResponse("500 Internal Server Error", [TEXT], new Error("failed before starting"));
      return [encode("Sorry.")];
    };
    expect((await serve(app)).status).toBe("500 Internal Server Error");
  });

  it("passes a custom method on, with only a warning in gateway.errors", async () => {
    const app: App = (environ, startResponse) => {
      startResponse("200 OK", [TEXT]);
      return [encode(environ.REQUEST_METHOD)];
    };
    const answer = await serve(app, { REQUEST_METHOD: "BREW" });
    expect(answer.text).toBe("BREW");
    expect(answer.logged).toMatch(
      /^Validation warning: REQUEST_METHOD should be a standard HTTP method .*"BREW"/,
    );
  });

  it("lets namespaced keys hold any type, and leaves them as they are", async () => {
    const session = { user: "ada" };
    const app: App = (environ, startResponse) => {
      startResponse("200 OK", [TEXT]);
      return [encode(environ["myapp.session"] === session ? "same" : "changed")];
    };
    expect((await serve(app, { "myapp.session": session })).text).toBe("same");
  });

  it("accepts the empty CONTENT_LENGTH nginx sends on a GET", async () => {
    const app: App = (_environ, startResponse) => {
      startResponse("200 OK", [TEXT]);
      return [];
    };
    expect((await serve(app, { CONTENT_LENGTH: "" })).status).toBe("200 OK");
  });
});
