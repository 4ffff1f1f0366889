/**
 * Lesson 09's site written by hand, without the kit: the same pages, one function.
 *
 * It is shorter than the kit, and it does less, and worse: the README lists
 * what is missing. Serve it with `npm run demo -- 9 by-hand` to compare.
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { encode } from "../../gateway/bytes.ts";
import type { App, Environ, Headers } from "../../gateway/types.ts";
import { NOTES } from "./notes.ts";

const PUBLIC = fileURLToPath(new URL("public", import.meta.url));
const HTML = "text/html; charset=utf-8";
const TYPES: Record<string, string> = { ".html": HTML, ".css": "text/css; charset=utf-8" };

// #region by-hand
export const byHand: App = async (environ, startResponse) => {
  const started = Date.now();
  let [status, headers, body] = await answer(environ);
  if (/gzip/.test(environ.HTTP_ACCEPT_ENCODING ?? "") && body.byteLength > 1024) {
    body = gzipSync(body);
    headers = [...headers, ["Content-Encoding", "gzip"], ["Vary", "Accept-Encoding"]];
  }
  startResponse(status, [...headers, ["Content-Length", String(body.byteLength)]]);
  const { REQUEST_METHOD, REQUEST_URI } = environ;
  const line = `${REQUEST_METHOD} ${REQUEST_URI} ${status} ${body.byteLength} ${Date.now() - started}ms`;
  environ["gateway.errors"].write(`${line}\n`);
  return [body];
};

async function answer(environ: Environ): Promise<[string, Headers, Uint8Array]> {
  const where = environ.PATH_INFO;
  if (where === "/notes" || where === "/notes/") {
    const visits = Number(/visits=(\d+)/.exec(environ.HTTP_COOKIE ?? "")?.[1] ?? 0) + 1;
    const cookie = `visits=${visits}; Path=/notes; HttpOnly`;
    const page = `<h1>Notes</h1><p>Visit number ${visits}.</p>`;
    return [
      "200 OK",
      [
        ["Content-Type", HTML],
        ["Set-Cookie", cookie],
      ],
      encode(page),
    ];
  }
  const note = NOTES[Number(/^\/notes\/(\d+)$/.exec(where)?.[1]) - 1];
  if (note !== undefined) return ["200 OK", [["Content-Type", HTML]], encode(`<p>${note}</p>`)];
  if (!where.startsWith("/notes/") && !where.split("/").includes("..")) {
    const file = path.join(PUBLIC, where.endsWith("/") ? `${where}index.html` : where);
    const bytes = await readFile(file).catch(() => undefined);
    const type = TYPES[path.extname(file)] ?? "application/octet-stream";
    if (bytes !== undefined) return ["200 OK", [["Content-Type", type]], bytes];
  }
  return ["404 Not Found", [["Content-Type", HTML]], await readFile(path.join(PUBLIC, "404.html"))];
}
// #endregion by-hand
