import { afterEach, describe, expect, it } from "vitest";
import { fetchApp } from "../../../gateway/bridges/fetch-app.ts";
import { encode } from "../../../gateway/bytes.ts";
import { urlMap } from "../../../gateway/kit/url-map.ts";
import { TestClient } from "../../../gateway/test-client.ts";
import { validator } from "../../../gateway/validator/index.ts";
import { signal } from "../../support/signal.ts";
import { closeServers, fetchRaw, RawClient, startServer } from "../http-helpers.ts";

afterEach(closeServers);

/** A handler that answers with what it was asked, as JSON. */
async function describeRequest(request: Request): Promise<Response> {
  return Response.json({
    method: request.method,
    url: request.url,
    headers: Object.fromEntries(request.headers),
    body: request.body === null ? null : await request.text(),
  });
}

describe("the Request fetchApp builds from the environ", () => {
  it("has the method, the URL rebuilt from Host and path, and the headers", async () => {
    const client = new TestClient(fetchApp(describeRequest));
    const answer = await client.get("/caf%C3%A9/a%20b?name=Ada&x=%20", {
      headers: { "Accept-Language": "fr", "X-Custom": "yes" },
    });
    expect(answer.json()).toEqual({
      method: "GET",
      url: "http://localhost/caf%C3%A9/a%20b?name=Ada&x=%20",
      headers: { host: "localhost", "accept-language": "fr", "x-custom": "yes" },
      body: null,
    });
  });

  it("passes the client's address beside the Request, as Deno does", async () => {
    let address: string | undefined;
    const app = fetchApp((_request, info) => {
      address = info?.remoteAddr?.hostname;
      return new Response("ok");
    });
    await new TestClient(app).get("/", { environ: { REMOTE_ADDR: "203.0.113.9" } });
    expect(address).toBe("203.0.113.9");
  });

  it("carries a POST body from gateway.input, with its Content-Type and Content-Length", async () => {
    const client = new TestClient(fetchApp(describeRequest));
    const answer = await client.post("/sign-in", { form: { user: "ada" } });
    expect(answer.json()).toMatchObject({
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", "content-length": "8" },
      body: "user=ada",
    });
  });

  it("puts SCRIPT_NAME back in front of the path, so a handler behind a URL map sees the whole URL", async () => {
    const client = new TestClient(urlMap({ "/blog": fetchApp(describeRequest) }));
    const answer = await client.get("/blog/caf%C3%A9?page=2");
    expect(answer.json()).toMatchObject({ url: "http://localhost/blog/caf%C3%A9?page=2" });
  });

  it("uses the server's name and port when there is no Host header, and leaves hop-by-hop headers behind", async () => {
    const client = new TestClient(fetchApp(describeRequest));
    const answer = await client.get("/", {
      environ: { HTTP_HOST: undefined, SERVER_NAME: "::1", SERVER_PORT: "8012" },
      headers: { Connection: "keep-alive", TE: "trailers" },
    });
    const described = answer.json() as { url: string; headers: Record<string, string> };
    expect(described.url).toBe("http://[::1]:8012/");
    expect(described.headers).not.toHaveProperty("connection");
    expect(described.headers).not.toHaveProperty("te");
  });

  it("leaves the scheme's default port out of a URL built from the server's name", async () => {
    const client = new TestClient(fetchApp(describeRequest));
    const plain = { HTTP_HOST: undefined, SERVER_NAME: "::1", SERVER_PORT: "80" };
    expect((await client.get("/", { environ: plain })).json()).toMatchObject({
      url: "http://[::1]/",
    });
    const secure = { ...plain, SERVER_PORT: "443", "gateway.url_scheme": "https" as const };
    expect((await client.get("/", { environ: secure })).json()).toMatchObject({
      url: "https://[::1]/",
    });
  });

  it("answers 400 for a Host that is not a host name, rather than let it move the path", async () => {
    const client = new TestClient(fetchApp(describeRequest));
    const answer = await client.get("/public", { headers: { Host: "evil.example/admin?" } });
    expect(answer.statusCode).toBe(400);
    expect(answer.text).toContain("is not a host name");
  });

  it("leaves gateway.input unopened when the handler never reads its body", async () => {
    let opened = false;
    const input = {
      [Symbol.asyncIterator]() {
        opened = true;
        return [encode("never read")][Symbol.iterator]() as unknown as AsyncIterator<Uint8Array>;
      },
    };
    const client = new TestClient(fetchApp(() => new Response("ignored the body")));
    const answer = await client.post("/upload", {
      body: "never read",
      environ: { "gateway.input": input },
    });
    expect(answer.text).toBe("ignored the body");
    expect(opened).toBe(false);
  });

  it("answers 400 for a method a Request cannot carry", async () => {
    const client = new TestClient(fetchApp(describeRequest));
    const answer = await client.request("TRACE", "/");
    expect(answer.statusCode).toBe(400);
    expect(answer.text).toContain("a Fetch Request cannot carry this request");
  });
});

describe("the answer fetchApp makes from the Response", () => {
  it("gives the standard reason when the Response has no status text, and keeps its own", async () => {
    const client = new TestClient(
      fetchApp((request) =>
        request.url.endsWith("/missing")
          ? new Response("no such page", { status: 404 })
          : new Response("made", { status: 201, statusText: "Made It" }),
      ),
    );
    expect((await client.get("/missing")).status).toBe("404 Not Found");
    expect((await client.get("/new")).status).toBe("201 Made It");
  });

  it("sends each Set-Cookie as a header of its own, and drops hop-by-hop headers", async () => {
    const headers = new Headers([
      ["Content-Type", "text/plain"],
      ["Set-Cookie", "a=1; Path=/"],
      ["Set-Cookie", "b=2, with a comma; Path=/"],
      ["Connection", "close"],
      ["Keep-Alive", "timeout=5"],
    ]);
    const client = new TestClient(fetchApp(() => new Response("cookies", { headers })));
    const answer = await client.get("/");
    expect(answer.headerAll("Set-Cookie")).toEqual(["a=1; Path=/", "b=2, with a comma; Path=/"]);
    expect(answer.header("Connection")).toBeUndefined();
    expect(answer.header("Keep-Alive")).toBeUndefined();
    expect(answer.text).toBe("cookies");
  });

  it("answers a Response with no body with no bytes", async () => {
    const client = new TestClient(fetchApp(() => new Response(null, { status: 204 })));
    const answer = await client.get("/");
    expect(answer.status).toBe("204 No Content");
    expect(answer.body.byteLength).toBe(0);
  });

  it("cancels the Response body when the gateway refuses its head", async () => {
    let cancelled: unknown;
    const body = new ReadableStream<Uint8Array>({
      cancel(reason) {
        cancelled = reason;
      },
    });
    const client = new TestClient(
      fetchApp(() => new Response(body, { headers: { "Content-Length": "lots" } })),
      { validate: false }, // the gateway's own check refuses it, not the validator's
    );
    const answer = await client.get("/");
    expect(answer.statusCode).toBe(500);
    expect(answer.errors).toContain("invalid Content-Length");
    expect(String(cancelled)).toContain("invalid Content-Length");
  });

  it("turns Response.error(), a failing handler and a missing Response into the gateway's 500 page", async () => {
    const client = new TestClient(fetchApp(() => Response.error()));
    const answer = await client.get("/");
    expect(answer.statusCode).toBe(500);
    expect(answer.errors).toContain("Response.error()");
    const failing = new TestClient(
      fetchApp(() => {
        throw new Error("the handler broke");
      }),
    );
    expect((await failing.get("/")).errors).toContain("the handler broke");
    const forgetful = new TestClient(fetchApp((() => "hello") as unknown as () => Response));
    expect((await forgetful.get("/")).errors).toContain("return a Response");
  });
});

describe("fetchApp on the real node:http server", () => {
  it("serves a handler, body in and out, under the validator", async () => {
    const { url } = await startServer(validator(fetchApp(describeRequest)));
    const answer = await fetchRaw(`${url}echo?x=1`, {
      method: "PUT",
      headers: { "Content-Type": "text/plain" },
      body: "a body of text",
    });
    expect(answer.statusCode).toBe(200);
    expect(answer.headers["content-type"]).toBe("application/json");
    expect(JSON.parse(answer.body.toString())).toMatchObject({
      method: "PUT",
      url: `${url}echo?x=1`,
      headers: { "content-type": "text/plain", "content-length": "14" },
      body: "a body of text",
    });
  });

  it("streams a Response body, and cancels it when the client leaves", async () => {
    const goOn = signal();
    const cancelled = signal();
    let ticks = 0;
    const handler = () =>
      new Response(
        new ReadableStream<Uint8Array>({
          async pull(controller) {
            ticks += 1;
            if (ticks > 1) await goOn.promise; // the first tick goes out alone
            controller.enqueue(encode(`tick ${ticks}\n`));
          },
          cancel() {
            cancelled.resolve();
          },
        }),
      );
    const server = await startServer(fetchApp(handler));
    const client = await RawClient.connect(server.port);
    client.socket.write("GET / HTTP/1.1\r\nHost: localhost\r\n\r\n");
    await client.waitFor("tick 1\n"); // it came while the stream still waits
    client.socket.destroy();
    goOn.resolve(); // the stream never ends: only the client leaving stops it
    await cancelled.promise;
  });
});
