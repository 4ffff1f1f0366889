/**
 * Static files: the files of a folder, served as they are (Paste's
 * `paste.urlparser.StaticURLParser`; Werkzeug's `SharedDataMiddleware`).
 *
 * `staticFiles("public")` is an app that answers `GET /css/site.css` with
 * the file `public/css/site.css`, and does what a careful web server does:
 * - it refuses paths that lead out of the folder (`static-path.ts`): `..`
 *   however it is spelled, backslashes, NUL, hidden files, names Windows
 *   reads as drives or devices (`C:`, `CON`), and symbolic links that point
 *   outside or to a hidden file;
 * - it names the type from the extension (`media-types.ts`);
 * - it sends an `ETag` and a `Last-Modified` date, and answers a browser
 *   that already has the file with 304 Not Modified (`conditional-requests.ts`);
 * - it sends part of a file for a `Range` request, 206 Partial Content, or
 *   416 when the range starts past the end (`byte-ranges.ts`);
 * - it streams the file in chunks (64 KiB, Node's default for files), never
 *   reading it whole into memory, and closes it when the body is finished,
 *   even when the server abandons it because the client left;
 * - HEAD gets the headers of GET and no body; other methods get 405.
 *
 * A folder's address is a 404, unless an `index` file is named: then
 * `/docs/` serves `docs/index.html`, and `/docs` is redirected to `/docs/`
 * (so that the page's relative links resolve inside the folder).
 *
 * Used as an app, it answers 404 for a missing file: mount it with `urlMap`
 * or try it first with `cascade`. `staticFilesFirst` is the middleware
 * form: a file that exists is served, any other request goes to the app.
 *
 * @example
 * const site = urlMap({ "/static": staticFiles("public"), "/": app });
 * const same = staticFilesFirst("public")(app); // "/site.css" served, "/" to app
 */
import { createReadStream, realpathSync, type Stats, statSync } from "node:fs";
import { stat } from "node:fs/promises";
import path from "node:path";
import type { App, Body, Chunk, Environ, Headers, Middleware, StartResponse } from "../types.ts";
import { parseRange, type RangeAnswer } from "./byte-ranges.ts";
import { fileValidators, isNotModified, rangeStillValid } from "./conditional-requests.ts";
import { HttpError, methodNotAllowed, notFound } from "./http-errors.ts";
import { mediaType } from "./media-types.ts";
import { movedPermanently } from "./redirects.ts";
import { resolveInside } from "./static-path.ts";

/**
 * How folders are served.
 * @example staticFiles("public", { index: "index.html" }) // "/docs/" serves public/docs/index.html
 */
export interface StaticFilesOptions {
  /** The file served for a folder's address, like "index.html"; without it, a folder is a 404. */
  index?: string;
}

/** What a request's path found: a file to send, or a folder whose address lacks its "/". */
type Found = { kind: "file"; file: string; stats: Stats } | { kind: "add-slash" };

/** The methods that read a file; range requests are defined for GET only (RFC 9110, section 14.2). */
const READ_METHODS = new Set(["GET", "HEAD"]);

/**
 * The app that serves the files under `root`. The folder is checked now,
 * once: it must exist.
 * @example urlMap({ "/static": staticFiles(path.join(here, "public"), { index: "index.html" }) })
 */
export function staticFiles(root: string, options: StaticFilesOptions = {}): App {
  const find = fileFinder(root, options);
  return async function staticFile(environ, startResponse) {
    if (!READ_METHODS.has(environ.REQUEST_METHOD)) {
      return methodNotAllowed([...READ_METHODS]).respond(environ, startResponse);
    }
    const found = await find(environ);
    if (found === undefined) return notFound().respond(environ, startResponse);
    return answer(environ, startResponse, found);
  };
}

/**
 * The middleware form: GET and HEAD requests for files under `root` are
 * served; every other request (a missing file, a POST) goes to the app.
 * @example serve(staticFilesFirst("public")(router([route("GET", "/", home)])));
 */
export function staticFilesFirst(root: string, options: StaticFilesOptions = {}): Middleware {
  const find = fileFinder(root, options);
  return (app) =>
    async function filesFirst(environ, startResponse) {
      const found = READ_METHODS.has(environ.REQUEST_METHOD) ? await find(environ) : undefined;
      if (found === undefined) return app(environ, startResponse);
      return answer(environ, startResponse, found);
    };
}

/** Checks the options, and returns what looks up a request's file under the root. */
function fileFinder(root: string, options: StaticFilesOptions) {
  const realRoot = checkRoot(root);
  const index = checkIndex(options.index);
  return async function find(environ: Environ): Promise<Found | undefined> {
    const pathInfo = environ.PATH_INFO;
    const wantsFolder = pathInfo.endsWith("/");
    // A folder's address, and no index file to serve for it.
    if (wantsFolder && index === undefined) return undefined;
    const file = await resolveInside(realRoot, wantsFolder ? `${pathInfo}${index}` : pathInfo);
    if (file === undefined) return undefined;
    const stats = await stat(file);
    if (stats.isFile()) return { kind: "file", file, stats };
    // A folder named without its "/": the links of its index page need the "/" to resolve inside it.
    return stats.isDirectory() && index !== undefined ? { kind: "add-slash" } : undefined;
  };
}

/** Answers with the file: 304, 206, 416 or 200, as the request's headers ask. */
function answer(environ: Environ, startResponse: StartResponse, found: Found): Body {
  if (found.kind === "add-slash") {
    return movedPermanently(withSlash(environ)).respond(environ, startResponse);
  }
  const { file, stats } = found;
  const validators = fileValidators(stats);
  const etag: Headers = [["ETag", validators.etag]];
  if (isNotModified(environ, validators, stats.mtimeMs)) {
    startResponse("304 Not Modified", etag);
    return [];
  }
  const range: RangeAnswer =
    environ.REQUEST_METHOD === "GET" && rangeStillValid(environ, validators)
      ? parseRange(environ.HTTP_RANGE, stats.size)
      : { kind: "whole" };
  if (range.kind === "unsatisfiable")
    return rangeNotSatisfiable(environ, startResponse, stats.size);
  const { start, end } = range.kind === "part" ? range : { start: 0, end: stats.size - 1 };
  const headers: Headers = [
    ["Content-Type", mediaType(file)],
    ["Content-Length", String(end - start + 1)],
    ...etag,
    ["Last-Modified", validators.lastModified],
    ["Accept-Ranges", "bytes"],
  ];
  if (range.kind === "part") {
    headers.push(["Content-Range", `bytes ${start}-${end}/${stats.size}`]);
    startResponse("206 Partial Content", headers);
  } else {
    startResponse("200 OK", headers);
  }
  // HEAD's body would be dropped by the server, and an empty file has no bytes: no need to open either.
  return environ.REQUEST_METHOD === "HEAD" || end < start ? [] : readFile(file, start, end);
}

/** 416, telling the client how long the file really is (RFC 9110, section 15.5.17). */
function rangeNotSatisfiable(
  environ: Environ,
  startResponse: StartResponse,
  size: number,
): Chunk[] {
  const error = new HttpError(416, {
    detail: `The range asked for starts past the end of this file of ${size} bytes.`,
    headers: [["Content-Range", `bytes */${size}`]],
  });
  return error.respond(environ, startResponse);
}

/**
 * The bytes from `start` to `end` (both included), chunk by chunk. The
 * stream is opened on the first step, and destroyed (closing the file) in
 * `finally`: when the body ends, fails, or the server calls `return()`.
 */
async function* readFile(file: string, start: number, end: number): AsyncGenerator<Chunk> {
  const stream = createReadStream(file, { start, end });
  try {
    for await (const chunk of stream) yield chunk as Buffer;
  } finally {
    stream.destroy();
  }
}

/**
 * The address of the folder with its "/", percent-encoded, keeping the query.
 * Empty segments are dropped: `//evil.example` names the folder `evil.example`
 * here, but a `Location` starting with "//" would send the browser to that host.
 */
function withSlash(environ: Environ): string {
  const segments = `${environ.SCRIPT_NAME}${environ.PATH_INFO}`.split("/").filter(Boolean);
  const query = environ.QUERY_STRING === "" ? "" : `?${environ.QUERY_STRING}`;
  return `/${segments.map(encodeURIComponent).join("/")}/${query}`;
}

function checkRoot(root: string): string {
  if (typeof root !== "string" || root === "") {
    throw new TypeError(
      `staticFiles: the root is the path of a folder, like "public", not ${JSON.stringify(root)}`,
    );
  }
  let real: string;
  try {
    real = realpathSync(root);
  } catch {
    throw new TypeError(
      `staticFiles: the folder ${path.resolve(root)} does not exist: create it, or fix the path ` +
        `(a relative path starts from ${process.cwd()}: build it from your module's own folder instead)`,
    );
  }
  if (!statSync(real).isDirectory()) {
    throw new TypeError(`staticFiles: ${root} is a file: give the folder that holds the files`);
  }
  return real;
}

function checkIndex(index: string | undefined): string | undefined {
  if (index !== undefined && (!/^[^/\\]+$/.test(index) || index.startsWith("."))) {
    throw new TypeError(
      `staticFiles: index is the name of a file inside each folder, like "index.html", not ${JSON.stringify(index)}`,
    );
  }
  return index;
}
