import { afterEach, describe, expect, it } from "vitest";
import { collect, encode } from "../../../gateway/bytes.ts";
import { TestClient } from "../../../gateway/test-client.ts";
import type { TraceData } from "../../../gateway/trace/events.ts";
import { stack } from "../../../gateway/trace/stack.ts";
import { startTracing, stopTracing } from "../../../gateway/trace/tracer.ts";
import type { App } from "../../../gateway/types.ts";

afterEach(stopTracing);

/** Runs one request through a traced echo app; returns the trace, as exported. */
async function traceOf(
  setCookie: boolean,
  request: (client: TestClient) => Promise<unknown>,
): Promise<TraceData> {
  const tracer = startTracing();
  const echo: App = async (environ, startResponse) => {
    const body = await collect(environ["gateway.input"]);
    const cookie: Array<[string, string]> = setCookie
      ? [["Set-Cookie", "sid=s3cr3t; HttpOnly"]]
      : [];
    startResponse("200 OK", [["Content-Type", "text/plain"], ...cookie]);
    return [encode(`you sent ${body.byteLength} bytes`)];
  };
  await request(new TestClient(stack(echo), { cookies: false }));
  return JSON.parse(JSON.stringify(tracer.list().at(-1)));
}

const secrets = {
  Cookie: "sid=s3cr3t",
  Authorization: "Basic YWRhOnMzY3IzdA==",
  "Proxy-Authorization": "Basic cHJveHk6czNjcjN0",
  "X-Debugger-Secret": "s3cr3t-debugger",
};

describe("a trace shows nothing secret", () => {
  it("redacts the secret request headers in every environ, and Set-Cookie in every header list", async () => {
    const trace = await traceOf(true, (client) => client.get("/", { headers: secrets }));
    const text = JSON.stringify(trace);
    expect(text).not.toContain("s3cr3t");
    expect(text).not.toContain("YWRh");
    const call = trace.events.find((event) => event.kind === "call");
    expect(call?.kind === "call" && call.environ).toMatchObject({
      HTTP_COOKIE: "[redacted]",
      HTTP_AUTHORIZATION: "[redacted]",
      HTTP_PROXY_AUTHORIZATION: "[redacted]",
      HTTP_X_DEBUGGER_SECRET: "[redacted]",
    });
    const head = trace.events.find((event) => event.kind === "head");
    expect(head?.kind === "head" && head.headers).toContainEqual(["Set-Cookie", "[redacted]"]);
  });

  it("shows no body bytes of a form post, in or out: sizes only", async () => {
    const trace = await traceOf(false, (client) =>
      client.post("/", { form: { user: "ada", password: "s3cr3t" } }),
    );
    expect(trace.bodiesHidden).toBe(true);
    expect(JSON.stringify(trace)).not.toContain("s3cr3t");
    expect(trace.events.filter((event) => "preview" in event)).toEqual([]);
    expect(trace.events).toContainEqual(expect.objectContaining({ kind: "input", size: 24 }));
  });

  it("shows no body bytes of a response that sets a cookie", async () => {
    const trace = await traceOf(true, (client) => client.post("/", { body: "hello" }));
    expect(trace.bodiesHidden).toBe(true);
    expect(trace.events.filter((event) => "preview" in event)).toEqual([]);
  });

  it("shows the first bytes of anything else", async () => {
    const trace = await traceOf(false, (client) => client.post("/", { body: "hello" }));
    expect(trace.bodiesHidden).toBe(false);
    expect(trace.events).toContainEqual(
      expect.objectContaining({ kind: "input", preview: "hello" }),
    );
  });

  it("describes environ values that are not text, never showing what is inside them", async () => {
    const tracer = startTracing();
    const session: App = (_environ, startResponse) => {
      startResponse("204 No Content", []);
      return [];
    };
    const withSession = stack(session, (app) => (environ, startResponse) => {
      environ["demo.secrets"] = new Map([["csrf", "s3cr3t"]]);
      return app(environ, startResponse);
    });
    await new TestClient(withSession).get("/");
    const text = JSON.stringify(tracer.list().at(-1));
    expect(text).toContain('"demo.secrets":"(Map)"');
    expect(text).not.toContain("s3cr3t");
  });
});
