import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { encode } from "../../../gateway/bytes.ts";
import { serve } from "../../../gateway/http-server.ts";
import { TestClient } from "../../../gateway/test-client.ts";
import type { TraceData } from "../../../gateway/trace/events.ts";
import { stack, traced } from "../../../gateway/trace/stack.ts";
import { startTracing, stopTracing, type Tracer } from "../../../gateway/trace/tracer.ts";
import type { App, Middleware } from "../../../gateway/types.ts";
import { endlessApp } from "../../support/endless-app.ts";
import { until } from "../../support/until.ts";
import { steps } from "./trace-steps.ts";

let tracer: Tracer;
beforeEach(() => {
  tracer = startTracing();
});
afterEach(stopTracing);

/** The last request's trace, once it is over. */
function lastTrace(): TraceData {
  const trace = tracer.list().at(-1);
  if (trace === undefined) throw new Error("no trace was recorded");
  return trace.toJSON();
}

const text = { "Content-Type": "text/plain" };
const headers = Object.entries(text);

describe("the tracer records", () => {
  it("a list body: the call, startResponse, the list's sizes, and what the server sent", async () => {
    const hello: App = (_environ, startResponse) => {
      startResponse("200 OK", headers);
      return [encode("Hello "), encode("World!\n")];
    };
    const response = await new TestClient(stack(hello), { validate: false }).get("/");
    expect(response.text).toBe("Hello World!\n");
    const trace = lastTrace();
    expect(trace.lanes.map((lane) => lane.name)).toEqual(["server", "hello"]);
    expect(steps(trace)).toEqual([
      "call server→hello",
      "start-response hello→server 200 OK",
      "return hello→server list [6, 7]",
      "head server→client 200 OK",
      "send server→client 6 B",
      "finish server→client 7 B",
    ]);
    expect(trace.done).toBe(true);
    expect(trace.status).toBe("200 OK");
  });

  it("a lazy generator: startResponse comes in the first step, after the body was returned", async () => {
    const lazy: App = function* lazy(_environ, startResponse) {
      startResponse("200 OK", headers);
      yield encode("one");
      yield encode("two");
    };
    await new TestClient(stack(lazy), { validate: false }).get("/");
    expect(steps(lastTrace(), { pulls: true })).toEqual([
      "call server→lazy",
      "return lazy→server generator",
      "pull server→lazy",
      "start-response lazy→server 200 OK",
      "chunk lazy→server 3 B",
      "head server→client 200 OK",
      "send server→client 3 B",
      "pull server→lazy",
      "chunk lazy→server 3 B",
      "send server→client 3 B",
      "pull server→lazy",
      "end lazy→server",
      "finish server→client 0 B",
    ]);
  });

  it("a second startResponse with excInfo, from the layer that caught the error", async () => {
    const failing: App = async function* failing(_environ, startResponse) {
      startResponse("200 OK", headers);
      yield* []; // no chunk: the first step fails
      throw new Error("the database is down");
    };
    const recover: Middleware = (app) =>
      async function* recovering(environ, startResponse) {
        try {
          yield* await app(environ, startResponse);
        } catch (error) {
          startResponse("500 Internal Server Error", headers, error);
          yield encode("Sorry.\n");
        }
      };
    const response = await new TestClient(stack(failing, recover), { validate: false }).get("/");
    expect(response.statusCode).toBe(500);
    const trace = lastTrace();
    expect(steps(trace)).toEqual([
      "call server→recovering",
      "return recovering→server async generator",
      "call recovering→failing",
      "return failing→recovering async generator",
      "start-response failing→recovering 200 OK",
      "start-response recovering→server 200 OK",
      "error failing→recovering the database is down",
      "start-response recovering→server 500 Internal Server Error excInfo",
      "chunk recovering→server 7 B",
      "head server→client 500 Internal Server Error",
      "send server→client 7 B",
      "end recovering→server",
      "finish server→client 0 B",
    ]);
    const [start] = trace.events.filter((event) => event.kind === "start-response");
    expect(start).toMatchObject({ origin: 2 }); // made by failing, passed on by recovering
    expect(trace.errors).toEqual([
      expect.objectContaining({
        message: "the database is down",
        thrownBy: 2,
        reached: 1,
        caught: true,
      }),
    ]);
  });

  it("an error mid-stream: the chunks before it, the error, and the connection cut", async () => {
    const breaking: App = async function* breaking(_environ, startResponse) {
      startResponse("200 OK", headers);
      yield encode("first row\n");
      throw new Error("lost the connection to the database");
    };
    const response = await new TestClient(stack(breaking), { validate: false }).get("/");
    expect(response.aborted).toBe(true);
    const trace = lastTrace();
    expect(steps(trace)).toEqual([
      "call server→breaking",
      "return breaking→server async generator",
      "start-response breaking→server 200 OK",
      "chunk breaking→server 10 B",
      "head server→client 200 OK",
      "send server→client 10 B",
      "error breaking→server lost the connection to the database",
      "abort server→client",
    ]);
    expect(trace.errors).toEqual([expect.objectContaining({ reached: 0, caught: false })]);
  });

  it("a three-layer stack, with what the mounting layer changed in the environ", async () => {
    const where: App = (environ, startResponse) => {
      startResponse("200 OK", headers);
      return [encode(`${environ.SCRIPT_NAME} ${environ.PATH_INFO}`)];
    };
    const mount: Middleware = (app) =>
      function mounted(environ, startResponse) {
        const rest = environ.PATH_INFO.slice("/api".length);
        return app({ ...environ, SCRIPT_NAME: "/api", PATH_INFO: rest }, startResponse);
      };
    const tagged: Middleware = (app) =>
      function tagging(environ, startResponse) {
        environ["demo.tag"] = "seen";
        return app(environ, startResponse);
      };
    const app = stack(
      where,
      mount,
      tagged,
      traced("outer", (inner) => inner),
    );
    const response = await new TestClient(app, { validate: false }).get("/api/users");
    expect(response.text).toBe("/api /users");
    const trace = lastTrace();
    expect(trace.lanes).toEqual([
      { name: "server", caller: -1 },
      { name: "outer", caller: 0 },
      { name: "tagging", caller: 1 },
      { name: "mounted", caller: 2 },
      { name: "where", caller: 3 },
    ]);
    const calls = trace.events.filter((event) => event.kind === "call");
    expect(calls.map((call) => call.changes)).toEqual([
      [],
      [],
      [{ key: "demo.tag", after: "seen" }],
      [
        { key: "SCRIPT_NAME", before: "", after: "/api" },
        { key: "PATH_INFO", before: "/api/users", after: "/users" },
      ],
    ]);
    expect(steps(trace).slice(-5)).toEqual([
      "return mounted→tagging list [11]",
      "return tagging→outer list [11]",
      "return outer→server list [11]",
      "head server→client 200 OK",
      "finish server→client 11 B",
    ]);
  });

  it("a client that goes away: the server's return(), and the app's finally ran", async () => {
    const { app, finished } = endlessApp();
    const server = await serve(stack(app), { port: 0 });
    try {
      const controller = new AbortController();
      const response = await fetch(server.url, { signal: controller.signal });
      const reader = response.body?.getReader();
      await reader?.read();
      controller.abort();
      await finished.promise;
      await until(() => tracer.list().at(-1)?.done === true, "the last trace to be done");
    } finally {
      await server.close();
    }
    const trace = lastTrace();
    const tail = steps(trace).slice(-4);
    expect(tail.filter((step) => step.startsWith("close"))).toEqual(["close server→app"]);
    expect(tail.at(-1)).toBe("abort server→client");
    const close = trace.events.find((event) => event.kind === "close");
    expect(close?.until).toBeGreaterThanOrEqual(close?.t ?? Number.NaN);
    const failedSend = trace.events.find((event) => event.kind === "send" && event.failed);
    expect(failedSend).toMatchObject({ failed: { name: "ClientGone" } });
  });
});
