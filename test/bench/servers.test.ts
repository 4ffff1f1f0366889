import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sampleResponse } from "../../bench/sample-response.ts";
import { type ServerProcess, startServer } from "../../bench/server-process.ts";

/**
 * The servers of `names`, by name, started before the describe block's tests and stopped after.
 * Started together: each child spends most of its start-up loading tsx.
 */
function serversFor(names: string[]): Map<string, ServerProcess> {
  const servers = new Map<string, ServerProcess>();
  beforeAll(async () => {
    const started = await Promise.all(names.map((name) => startServer(name)));
    for (const server of started) servers.set(server.name, server);
  });
  afterAll(() => Promise.all([...servers.values()].map((server) => server.stop())));
  return servers;
}

const NAMES = ["raw", "gateway", "traced", "express"];

// The benchmark is fair only if the servers send the same answer.
describe("the benchmark servers", () => {
  const servers = serversFor(NAMES);

  it.each(NAMES)("%s listens on a port the system picked, on 127.0.0.1", (name) => {
    expect(servers.get(name)?.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
  });

  it.each(NAMES)(
    "%s answers hello world as text, with its length, keeping the connection",
    async (name) => {
      const response = await sampleResponse(servers.get(name)?.url ?? "");
      expect(response).toMatch(/^HTTP\/1\.1 200 OK\n/);
      expect(response).toMatch(/^Content-Type: text\/plain; charset=utf-8$/m);
      expect(response).toMatch(/^Content-Length: 13$/m);
      expect(response).toMatch(/^Connection: keep-alive$/m);
      expect(response.endsWith('\n\n"Hello World!\\n"')).toBe(true);
    },
  );
});

const FETCH_NAMES = ["fetch-plain", "fetch-text", "fetch-bridge"];

// The Fetch rows compare CPU per request: fair only if all three send the same bytes.
describe("the Fetch benchmark servers", () => {
  const servers = serversFor(FETCH_NAMES);

  it.each(FETCH_NAMES)("%s answers hello world as text, with its length", async (name) => {
    const response = await sampleResponse(servers.get(name)?.url ?? "");
    expect(response).toMatch(/^HTTP\/1\.1 200 OK\n/);
    expect(response).toMatch(/^Content-Type: text\/plain; charset=utf-8$/im);
    expect(response).toMatch(/^Content-Length: 13$/im);
    expect(response.endsWith('\n\n"Hello World!\\n"')).toBe(true);
  });

  it("the plain handler and the bridge answer the same 16 KiB page, shown by its start and digest", async () => {
    const pages = await Promise.all(
      ["fetch-plain", "fetch-bridge"].map((name) =>
        sampleResponse(`${servers.get(name)?.url}page`),
      ),
    );
    for (const page of pages) {
      expect(page).toMatch(/^Content-Type: text\/html; charset=utf-8$/im);
      expect(page).toMatch(/^Content-Length: 16384$/im);
      expect(page).toMatch(
        /\n\n"<!doctype html>\\n<title>16 KiB<\/title>.*" … \(16384 bytes, sha256 [0-9a-f]{12}\)$/,
      );
    }
    const digests = pages.map((page) => page.slice(page.lastIndexOf("sha256")));
    expect(digests[0]).toBe(digests[1]);
  });
});
