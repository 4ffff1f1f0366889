import { describe, expect, it } from "vitest";
import { collect, decode, encode } from "../../../gateway/bytes.ts";
import { TestClient } from "../../../gateway/test-client.ts";
import type { App } from "../../../gateway/types.ts";
import { validator } from "../../../gateway/validator/index.ts";
import { brokenRule, TEXT } from "./harness.ts";

describe("the validator under the test client, which wraps every app in it", () => {
  it("lets a correct streaming app answer as usual", async () => {
    const app: App = async function* (_environ, startResponse) {
      startResponse("200 OK", [TEXT]);
      yield encode("streamed ");
      yield encode("answer");
    };
    const response = await new TestClient(app).get("/");
    expect([response.statusCode, response.text]).toEqual([200, "streamed answer"]);
  });

  it("keeps an array body an array, so the server can still send its Content-Length", async () => {
    const app: App = (_environ, startResponse) => {
      startResponse("200 OK", [TEXT]);
      return [encode("Hello")];
    };
    expect((await new TestClient(app).get("/")).header("Content-Length")).toBe("5");
  });

  it("gives the app the request body through the watched input", async () => {
    const app: App = async (environ, startResponse) => {
      const text = decode(await collect(environ["gateway.input"]));
      startResponse("200 OK", [TEXT]);
      return [encode(text.toUpperCase())];
    };
    expect((await new TestClient(app).post("/", { body: "shout" })).text).toBe("SHOUT");
  });

  it("works when the app was already wrapped in a validator of its own", async () => {
    const app: App = function* (_environ, startResponse) {
      startResponse("200 OK", [TEXT]);
      yield encode("checked twice");
    };
    expect((await new TestClient(validator(app)).get("/")).text).toBe("checked twice");
  });

  it("hands a broken app's ValidationError to the test", async () => {
    const app: App = (_environ, startResponse) => {
      startResponse("200 OK", [TEXT, ["Connection", "close"]]);
      return [];
    };
    expect(await brokenRule(() => new TestClient(app).get("/"))).toBe("hop-by-hop");
  });

  it("hands over an error found mid-stream, after the headers went out", async () => {
    const app: App = async function* (_environ, startResponse) {
      startResponse("200 OK", [TEXT]);
      yield encode("fine");
      yield "not bytes" as never;
    };
    expect(await brokenRule(() => new TestClient(app).get("/"))).toBe("chunk-bytes");
  });

  it("accepts a HEAD answer whose Content-Length counts the body the server drops", async () => {
    const app: App = (_environ, startResponse) => {
      startResponse("200 OK", [TEXT, ["Content-Length", "5"]]);
      return [encode("Hello")];
    };
    const response = await new TestClient(app).request("HEAD", "/");
    expect([response.statusCode, response.body.byteLength]).toEqual([200, 0]);
  });
});
