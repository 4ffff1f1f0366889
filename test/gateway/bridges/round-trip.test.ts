import { afterEach, describe, expect, it } from "vitest";
import { fetchApp } from "../../../gateway/bridges/fetch-app.ts";
import { fetchHandler } from "../../../gateway/bridges/fetch-handler.ts";
import { collect, encode } from "../../../gateway/bytes.ts";
import {
  type RequestOptions,
  TestClient,
  type TestResponse,
} from "../../../gateway/test-client.ts";
import type { App } from "../../../gateway/types.ts";
import { app as hello } from "../../../lessons/03-gateway-app/app.ts";
import { closeServers, fetchRaw, startServer } from "../http-helpers.ts";

afterEach(closeServers);

/** Tells what it was asked: the request's keys and its body. */
const echo: App = async (environ, startResponse) => {
  const body = await collect(environ["gateway.input"]);
  const { REQUEST_METHOD, SCRIPT_NAME, PATH_INFO, QUERY_STRING, CONTENT_TYPE, HTTP_ACCEPT } =
    environ;
  const asked = { REQUEST_METHOD, SCRIPT_NAME, PATH_INFO, QUERY_STRING, CONTENT_TYPE, HTTP_ACCEPT };
  startResponse("200 OK", [["Content-Type", "application/json"]]);
  return [encode(JSON.stringify(asked)), body];
};

/** A body in three chunks, with no Content-Length: the server streams it. */
const counting: App = async function* (_environ, startResponse) {
  startResponse("200 OK", [["Content-Type", "text/plain; charset=utf-8"]]);
  for (const word of ["one ", "two ", "three\n"]) yield encode(word);
};

/** A 404 that sets two cookies. */
const cookies: App = (_environ, startResponse) => {
  startResponse("404 Not Found", [
    ["Content-Type", "text/plain; charset=utf-8"],
    ["Set-Cookie", "seen=1; Path=/"],
    ["Set-Cookie", "lang=fr; Path=/"],
  ]);
  return [encode("not here\n")];
};

/** What a response says, with header names in one case and one order (Fetch lower-cases them). */
function answerOf(response: TestResponse) {
  const headers = response.headers.map(([name, value]) => `${name.toLowerCase()}: ${value}`).sort();
  return { status: response.status, headers, body: response.text };
}

const cases: Array<
  [name: string, app: App, method: string, path: string, options?: RequestOptions]
> = [
  ["lesson 03's hello app", hello, "GET", "/"],
  ["lesson 03's hello app, asked with HEAD", hello, "HEAD", "/"],
  [
    "an app that tells what it was asked",
    echo,
    "GET",
    "/caf%C3%A9/a%20b?q=%20x",
    {
      headers: { Accept: "text/html" },
    },
  ],
  ["an app that reads a POST body", echo, "POST", "/sign-in", { form: { user: "ada" } }],
  ["a generator that streams", counting, "GET", "/count"],
  ["a 404 with two cookies", cookies, "GET", "/missing"],
];

describe("fetchApp(fetchHandler(app)), the app there and back again", () => {
  for (const [name, app, method, path, options] of cases) {
    it(`answers as the app itself does: ${name}`, async () => {
      const direct = await new TestClient(app).request(method, path, options);
      const roundTrip = await new TestClient(fetchApp(fetchHandler(app))).request(
        method,
        path,
        options,
      );
      expect(answerOf(roundTrip)).toEqual(answerOf(direct));
    });
  }

  it("answers as the app itself does on the real node:http server", async () => {
    const direct = await startServer(hello);
    const roundTrip = await startServer(fetchApp(fetchHandler(hello)));
    const [first, second] = await Promise.all([fetchRaw(direct.url), fetchRaw(roundTrip.url)]);
    expect(second.statusCode).toBe(first.statusCode);
    expect(second.headers["content-type"]).toBe(first.headers["content-type"]);
    expect(second.headers["content-length"]).toBe(first.headers["content-length"]);
    expect(second.body.toString()).toBe("Hello World!\n");
  });
});
