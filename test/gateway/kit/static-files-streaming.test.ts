/**
 * Static files over a real socket: the file is streamed, and closed when
 * the client goes away mid-download. `node:fs` is wrapped so the test can
 * see each read stream that `staticFiles` opens.
 */
import { once } from "node:events";
import type { ReadStream } from "node:fs";
import { writeFileSync } from "node:fs";
import http from "node:http";
import path from "node:path";
import { afterAll, afterEach, describe, expect, it, vi } from "vitest";
import { closeServers, fetchRaw, startServer } from "../http-helpers.ts";
import { makeSite } from "./static-site.ts";

const opened = vi.hoisted(() => [] as ReadStream[]);

vi.mock("node:fs", async (importOriginal) => {
  const fs = await importOriginal<typeof import("node:fs")>();
  const createReadStream = (...args: Parameters<typeof fs.createReadStream>) => {
    const stream = fs.createReadStream(...args);
    opened.push(stream);
    return stream;
  };
  return { ...fs, default: { ...fs, createReadStream }, createReadStream };
});

// Test files share loaded modules (vitest.config.ts): load static-files.ts
// again, so that it sees the wrapped node:fs.
vi.resetModules();
const { staticFiles } = await import("../../../gateway/kit/static-files.ts");

const site = makeSite();
const LARGE = 8_000_000;
writeFileSync(path.join(site.root, "film.bin"), new Uint8Array(LARGE).fill(1));
afterAll(site.remove);
afterEach(closeServers);

/** Resolves once the stream has closed its file (a stream cut short also emits an AbortError). */
async function closedFile(stream: ReadStream): Promise<void> {
  if (!stream.closed) await new Promise<void>((resolve) => stream.once("close", () => resolve()));
}

describe("staticFiles over a socket", () => {
  it("sends a large file whole, and closes it at the end", async () => {
    const { url } = await startServer(staticFiles(site.root));
    const answer = await fetchRaw(`${url}film.bin`);
    expect(answer.body.byteLength).toBe(LARGE);
    const stream = opened.at(-1) as ReadStream;
    await closedFile(stream);
    expect(stream.destroyed).toBe(true);
  });

  it("closes the file when the client leaves in the middle of the download", async () => {
    const { url } = await startServer(staticFiles(site.root));
    const before = opened.length;
    const request = http.get(`${url}film.bin`, { agent: false });
    const [response] = (await once(request, "response")) as [http.IncomingMessage];
    await once(response, "data");
    request.destroy();
    const stream = opened[before] as ReadStream;
    await closedFile(stream);
    expect(stream.destroyed).toBe(true);
    expect(stream.bytesRead).toBeLessThan(LARGE);
  });

  it("sends only the bytes of a range", async () => {
    const { url } = await startServer(staticFiles(site.root));
    const answer = await fetchRaw(`${url}film.bin`, { headers: { Range: "bytes=100-199" } });
    expect(answer.statusCode).toBe(206);
    expect(answer.body.byteLength).toBe(100);
    expect(answer.headers["content-range"]).toBe(`bytes 100-199/${LARGE}`);
  });
});
