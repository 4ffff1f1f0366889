import { readFileSync } from "node:fs";
import { Ajv } from "ajv";
import { afterEach, describe, expect, it } from "vitest";
import { encode } from "../../../gateway/bytes.ts";
import { TestClient } from "../../../gateway/test-client.ts";
import { traceRoutes } from "../../../gateway/trace/routes.ts";
import { serveTracePage } from "../../../gateway/trace/server.ts";
import { stack } from "../../../gateway/trace/stack.ts";
import { startTracing, stopTracing, type Tracer } from "../../../gateway/trace/tracer.ts";
import type { App } from "../../../gateway/types.ts";

afterEach(stopTracing);

const failing: App = async function* failing(_environ, startResponse) {
  startResponse("200 OK", [["Content-Type", "text/html"]]);
  yield encode("<p>first</p>");
  throw new Error("the <b>database</b> is down");
};

/** A tracer with one request of a traced app in it, and a client for its pages (itself untraced). */
async function recorded(): Promise<{ tracer: Tracer; pages: TestClient }> {
  const tracer = startTracing();
  await new TestClient(stack(failing), { validate: false }).get("/report?x=<y>");
  stopTracing();
  const stop = new AbortController().signal;
  return { tracer, pages: new TestClient(traceRoutes(tracer, { title: "test app", stop })) };
}

describe("the trace page", () => {
  it("answers only this machine, to a loopback name", async () => {
    const { pages } = await recorded();
    const foreign = await pages.get("/trace", { headers: { Host: "evil.example" } });
    expect(foreign.statusCode).toBe(403);
    expect(foreign.text).toContain("the Host header must name localhost or a loopback address");
    const page = await pages.get("/trace", { headers: { Origin: "http://evil.example" } });
    expect(page.statusCode).toBe(403);
    expect(page.text).toContain("may not use the trace page");
    const remote = await pages.get("/trace", { environ: { REMOTE_ADDR: "10.0.0.5" } });
    expect(remote.text).toContain("the trace page answers only requests from this machine");
    expect((await pages.get("/trace")).statusCode).toBe(200);
  });

  it("exports the traces as JSON that follows its documented schema", async () => {
    const { pages } = await recorded();
    const exported = (await pages.get("/trace?format=json")).json();
    const schema = JSON.parse(
      readFileSync(new URL("../../../gateway/trace/trace.schema.json", import.meta.url), "utf8"),
    );
    const validate = new Ajv({ allErrors: true, strict: true })
      .addFormat("date-time", true)
      .compile(schema);
    expect(validate(exported), JSON.stringify(validate.errors)).toBe(true);
    expect(exported).toMatchObject({
      format: "gateway-trace/1",
      traces: [{ id: 1, uri: "/report?x=<y>" }],
    });
    expect((await pages.get("/trace/1?format=json")).json()).toMatchObject({ traces: [{ id: 1 }] });
  });

  it("exports one trace as an SVG file that needs nothing else, with every value escaped", async () => {
    const { pages } = await recorded();
    const svg = await pages.get("/trace/1?format=svg");
    expect(svg.header("Content-Type")).toBe("image/svg+xml; charset=utf-8");
    expect(svg.text).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    expect(svg.text).toContain("<style>");
    expect(svg.text).not.toMatch(/(href|src)="(https?:|\/\/)/);
    expect(svg.text).toContain("the &lt;b&gt;database&lt;/b&gt; is down");
    expect(svg.text).not.toContain("<b>");
  });

  it("exports every trace as one HTML file that works offline", async () => {
    const { pages } = await recorded();
    const html = (await pages.get("/trace?format=html")).text;
    expect(html).toContain('<script type="application/json" id="entries">');
    expect(html).not.toMatch(/<(script|link)[^>]+(src|href)=/);
    expect(html).not.toContain("<b>database");
    expect(html).toContain("a snapshot: not live");
  });

  it("says what is wrong with a bad address or format", async () => {
    const { pages } = await recorded();
    expect((await pages.get("/trace/99")).text).toContain("trace 99 is not kept");
    expect((await pages.get("/trace?format=pdf")).statusCode).toBe(400);
    expect((await pages.get("/trace?format=svg")).text).toContain("an SVG holds one trace");
    expect((await pages.post("/trace")).statusCode).toBe(405);
    expect((await pages.get("/")).header("Location")).toBe("/trace");
    const head = await pages.request("HEAD", "/trace/events");
    expect([head.statusCode, head.header("Content-Type")]).toEqual([
      200,
      "text/event-stream; charset=utf-8",
    ]);
  });

  it("sends each trace as a server-sent event, as it happens", async () => {
    const tracer = startTracing();
    const app = new TestClient(stack(failing), { validate: false });
    stopTracing();
    const page = await serveTracePage(tracer, { port: 0, title: "test app" });
    try {
      const response = await fetch(`${page.url}/events`);
      expect(response.headers.get("content-type")).toBe("text/event-stream; charset=utf-8");
      const reader = (response.body as ReadableStream<Uint8Array>).getReader();
      const received = readEvents(reader);
      await app.get("/live");
      const entry = await received.until((data) => data.trace.done);
      expect(entry.trace.uri).toBe("/live");
      expect(entry.svg).toMatch(/^<svg/);
      await reader.cancel();
    } finally {
      await page.close();
    }
  });
});

interface Entry {
  trace: { uri: string; done: boolean };
  svg: string;
}

/** Reads `event: trace` messages from a stream, until one matches. */
function readEvents(reader: ReadableStreamDefaultReader<Uint8Array>) {
  let text = "";
  const decoder = new TextDecoder();
  return {
    async until(wanted: (entry: Entry) => boolean): Promise<Entry> {
      for (;;) {
        for (const block of text.split("\n\n").slice(0, -1)) {
          const data = /^event: trace\ndata: (.*)$/m.exec(block)?.[1];
          if (data !== undefined && wanted(JSON.parse(data))) return JSON.parse(data);
        }
        const { value, done } = await reader.read();
        if (done) throw new Error(`the stream ended before the trace came:\n${text}`);
        text += decoder.decode(value, { stream: true });
      }
    },
  };
}
