import http from "node:http";
import { afterEach, describe, expect, it, vi } from "vitest";
import { encode } from "../../../gateway/bytes.ts";
import { requestLog } from "../../../gateway/kit/request-log.ts";
import { TestClient } from "../../../gateway/test-client.ts";
import type { App } from "../../../gateway/types.ts";
import { closeServers, startServer } from "../http-helpers.ts";

const TEXT: [string, string] = ["Content-Type", "text/plain"];

/** The parts of a combined log line, with the duration last. */
const LINE =
  /^(\S+) - - \[(\d{2}\/[A-Z][a-z]{2}\/\d{4}:\d{2}:\d{2}:\d{2} [+-]\d{4})\] "(.*)" (\d{3}) (\d+|-) "(.*)" "(.*)" (\d+)\n$/;

function fields(line: string) {
  const match = LINE.exec(line);
  if (match === null) throw new Error(`not a combined log line: ${JSON.stringify(line)}`);
  const [, host, time, request, status, bytes, referer, agent, micros] = match;
  return { host, time, request, status, bytes, referer, agent, micros };
}

const hello: App = (_environ, startResponse) => {
  startResponse("200 OK", [TEXT, ["Content-Length", "13"]]);
  return [encode("Hello World!\n")];
};

/** A generator app that yields `parts` and then, if `failure` is given, throws it. */
function streaming(parts: string[], failure?: Error): App {
  return function* (_environ, startResponse) {
    startResponse("200 OK", [TEXT]);
    for (const part of parts) yield encode(part);
    if (failure !== undefined) throw failure;
  };
}

afterEach(async () => {
  vi.useRealTimers();
  await closeServers();
});

describe("requestLog: the line", () => {
  it("writes one combined log line to gateway.errors, with the duration last", async () => {
    const response = await new TestClient(requestLog()(hello)).get("/hello?x=1");
    const line = fields(response.errors);
    expect(line).toMatchObject({
      host: "127.0.0.1",
      request: "GET /hello?x=1 HTTP/1.1",
      status: "200",
      bytes: "13",
      referer: "-",
      agent: "-",
    });
    expect(Number(line.micros)).toBeGreaterThanOrEqual(0);
  });

  it("writes the time the request came in Apache's form, in local time", async () => {
    // A fixed clock: a real one could pass midnight between the request and the check.
    vi.useFakeTimers({ toFake: ["Date"], now: new Date(2026, 11, 7, 23, 59, 58) });
    const response = await new TestClient(requestLog()(hello)).get("/");
    expect(fields(response.errors).time).toMatch(/^07\/Dec\/2026:23:59:58 [+-]\d{4}$/);
  });

  it("quotes the Referer and User-Agent, escaping what could forge a line", async () => {
    const response = await new TestClient(requestLog()(hello)).get("/", {
      headers: { Referer: "http://example.com/", "User-Agent": 'evil "agent" \\ é' },
    });
    const line = fields(response.errors);
    expect(line.referer).toBe("http://example.com/");
    expect(line.agent).toBe('evil \\"agent\\" \\\\ \\xe9');
  });

  it("writes - for a client address it does not know", async () => {
    const response = await new TestClient(requestLog()(hello)).get("/", {
      environ: { REMOTE_ADDR: "" },
    });
    expect(fields(response.errors).host).toBe("-");
  });

  it("sends the lines to a function or a stream when given one", async () => {
    const lines: string[] = [];
    await new TestClient(requestLog({ to: (line) => lines.push(line) })(hello)).get("/a");
    await new TestClient(requestLog({ to: { write: (text) => lines.push(text) } })(hello)).get(
      "/b",
    );
    expect(lines.map((line) => fields(line).request)).toEqual([
      "GET /a HTTP/1.1",
      "GET /b HTTP/1.1",
    ]);
  });

  it("refuses a target that cannot take lines", () => {
    expect(() => requestLog({ to: "access.log" as never })).toThrow(/a function \(line\)/);
  });
});

describe("requestLog: the bytes sent", () => {
  it("writes - when the body is empty", async () => {
    const empty: App = (_environ, startResponse) => {
      startResponse("204 No Content", []);
      return [];
    };
    const line = fields((await new TestClient(requestLog()(empty)).get("/")).errors);
    expect([line.status, line.bytes]).toEqual(["204", "-"]);
  });

  it("writes - for HEAD, whose body the server drops", async () => {
    const response = await new TestClient(requestLog()(hello)).request("HEAD", "/");
    expect(fields(response.errors).bytes).toBe("-");
  });

  it("counts the chunks of a streamed body and what write() sent", async () => {
    const writer: App = async function* (_environ, startResponse) {
      const write = startResponse("200 OK", [TEXT]);
      await write(encode("12345"));
      yield encode("678");
      yield encode("90");
    };
    const response = await new TestClient(requestLog()(writer)).get("/");
    expect(fields(response.errors).bytes).toBe("10");
  });

  it("writes the line only once the body is over", async () => {
    const lines: string[] = [];
    const log = requestLog({ to: (line) => lines.push(line) })(streaming(["a", "b"]));
    const seen: number[] = [];
    const watcher: App = async (environ, startResponse) => {
      const chunks: Uint8Array[] = [];
      for await (const chunk of await log(environ, startResponse)) {
        seen.push(lines.length);
        chunks.push(chunk);
      }
      return chunks;
    };
    await new TestClient(watcher).get("/");
    expect([seen, lines.length]).toEqual([[0, 0], 1]);
  });

  it("logs the status and the bytes sent when the body fails part-way", async () => {
    const failing = streaming(["first part"], new Error("the database went away"));
    const lines: string[] = [];
    const response = await new TestClient(
      requestLog({ to: (line) => lines.push(line) })(failing),
    ).get("/");
    expect(response.aborted).toBe(true);
    const line = fields(lines[0] ?? "");
    expect([line.status, line.bytes]).toEqual(["200", "10"]);
  });

  it("logs 500 when the app fails before any byte went out", async () => {
    const broken: App = () => {
      throw new Error("broken");
    };
    const lines: string[] = [];
    const response = await new TestClient(
      requestLog({ to: (line) => lines.push(line) })(broken),
    ).get("/");
    expect(response.statusCode).toBe(500);
    expect([fields(lines[0] ?? "").status, fields(lines[0] ?? "").bytes]).toEqual(["500", "-"]);
  });

  it("logs what was sent when the client leaves in the middle of a stream", async () => {
    const chunk = new Uint8Array(65_536).fill(120);
    const endless: App = async function* (_environ, startResponse) {
      startResponse("200 OK", [TEXT]);
      for (;;) yield chunk;
    };
    let logLine: (line: string) => void = () => {};
    const logged = new Promise<string>((resolve) => {
      logLine = resolve;
    });
    const { url } = await startServer(requestLog({ to: (line) => logLine(line) })(endless));
    const request = http.get(`${url}film`, { agent: false });
    request.on("error", () => {});
    request.on("response", (response) => {
      response.once("data", () => request.destroy());
    });
    const line = fields(await logged);
    expect(line.status).toBe("200");
    expect(Number(line.bytes)).toBeGreaterThan(0);
    expect(Number(line.bytes) % chunk.byteLength).toBe(0);
  });
});
