/**
 * Error documents: your own pages for error answers, with their status kept
 * (Paste's `paste.errordocument`; Apache's `ErrorDocument` directive).
 *
 * `errorDocuments({ 404: "public/404.html", 500: oops })` lets every app
 * below it answer 404 its own way (a router's bare "Not Found", a thrown
 * `notFound()`), and replaces that answer with your page: the site's look,
 * a link home. The status stays the app's: a page that is not there must
 * still say 404, or search engines index the error page, and a script
 * calling the site takes the error for a success.
 *
 * How: the app gets a startResponse that holds back a status that has a
 * page. Its body is then finished unread (`return()`, so its `finally`
 * blocks run) and what it sends with write() is dropped. The page, an app
 * or a file, is called with a copy of the environ: a GET (HEAD stays HEAD)
 * with no request body, and `environ["kit.error_document"]` holding the
 * original status and headers. It answers with the original status, its
 * own Content-Type and body, and the original's other headers (an `Allow`,
 * a `Set-Cookie`), dropping those that described the original body
 * (`Content-*`, `ETag`, `Last-Modified`). The page's own status is ignored.
 *
 * A file page is read once, when the middleware is made: a missing file is
 * an error then, not on the first 404. Only the app's first answer can be
 * replaced: once a status went on to the server, later ones pass as they are.
 * An exception is not an answer: it passes through untouched. For a 500
 * page, put an error middleware (lesson 08) inside this one, to turn
 * exceptions into 500 answers that this one can replace.
 *
 * @example
 * const site = errorDocuments({ 404: path.join(here, "public", "404.html") })(app);
 */
import { readFileSync } from "node:fs";
import { bytesInput } from "../environ.ts";
import type { App, Body, Chunk, Environ, Headers, Middleware, StartResponse } from "../types.ts";
import { discard, finish, peek, resume } from "./body-steps.ts";
import { mediaType } from "./media-types.ts";

/**
 * What a page finds in `environ["kit.error_document"]`.
 * @example const { status } = environ["kit.error_document"] ?? { status: "404 Not Found" };
 */
export interface ErrorDocument {
  /** The status the app answered, and the page is sent with: "404 Not Found". */
  status: string;
  /** The headers the app answered with. */
  headers: Headers;
}

/**
 * A page: an app, or the path of a file to send.
 * @example const pages: Record<number, ErrorPage> = { 404: "public/404.html", 500: oops };
 */
export type ErrorPage = App | string;

/** Headers that describe the original body, which the page replaces. */
const BODY_HEADER = /^(?:content-.*|etag|last-modified)$/i;

/**
 * Makes the middleware. Statuses must be errors (400 to 599), and file pages readable, now.
 * @example errorDocuments({ 404: notFoundPage, 500: "public/500.html" })
 */
export function errorDocuments(pages: Record<number, ErrorPage>): Middleware {
  const table = checkPages(pages);
  return (app) =>
    async function withErrorDocuments(environ, startResponse) {
      const held = new HeldAnswer(table, startResponse);
      const body = await app(environ, held.startResponse);
      if (!held.started && !Array.isArray(body)) return decidedLater(body, held, environ);
      if (held.answer === undefined) return body;
      await finish(body);
      return held.page(environ, held.answer);
    };
}

/** The app's startResponse: holds back an answer that has a page, passes on any other. */
class HeldAnswer {
  started = false;
  /** The answer held back, for its page to replace. */
  answer: ErrorDocument | undefined;
  #forwarded = false;

  constructor(
    readonly pages: Map<number, App>,
    readonly inner: StartResponse,
  ) {}

  readonly startResponse: StartResponse = (status, headers, excInfo) => {
    this.started = true;
    if (!this.#forwarded && this.pages.has(code(status))) {
      this.answer = { status, headers };
      return discard;
    }
    this.answer = undefined;
    this.#forwarded = true;
    return this.inner(status, headers, excInfo);
  };

  /** Calls the page for the held answer; it answers with the held status. */
  async page(environ: Environ, answer: ErrorDocument): Promise<Body> {
    const { status, headers } = answer;
    const page = this.pages.get(code(status)) as App; // held only when it has a page
    return page(pageEnviron(environ, answer), (_status, pageHeaders, excInfo) =>
      this.inner(
        status,
        [...headers.filter(([name]) => !BODY_HEADER.test(name)), ...pageHeaders],
        excInfo,
      ),
    );
  }
}

/**
 * A generator app calls startResponse in its first step: take that step,
 * then send the page, or the body from where it stands.
 */
async function* decidedLater(
  body: Body,
  held: HeldAnswer,
  environ: Environ,
): AsyncGenerator<Chunk> {
  const peeked = await peek(body);
  if (held.answer === undefined) {
    yield* resume(peeked);
    return;
  }
  await finish(peeked);
  yield* await held.page(environ, held.answer);
}

/** The environ the page sees: the same request, as a GET with no body, and what happened. */
function pageEnviron(environ: Environ, document: ErrorDocument): Environ {
  const copy: Environ = {
    ...environ,
    REQUEST_METHOD: environ.REQUEST_METHOD === "HEAD" ? "HEAD" : "GET",
    "gateway.input": bytesInput(new Uint8Array(0)),
    "kit.error_document": document,
  };
  delete copy.CONTENT_LENGTH;
  delete copy.CONTENT_TYPE;
  return copy;
}

function code(status: string): number {
  return Number(status.slice(0, 3));
}

/** A page from a file, read now. */
function filePage(status: number, file: string): App {
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(file);
  } catch (error) {
    throw new TypeError(
      `errorDocuments: the page for ${status}, ${file}, cannot be read (${(error as Error).message}): ` +
        "check the path, or give an app instead",
    );
  }
  const headers: Headers = [
    ["Content-Type", mediaType(file)],
    ["Content-Length", String(bytes.byteLength)],
  ];
  return function errorPage(_environ, startResponse) {
    startResponse("200 OK", headers);
    return [bytes];
  };
}

function checkPages(pages: Record<number, ErrorPage>): Map<number, App> {
  const table = new Map<number, App>();
  for (const [key, page] of Object.entries(pages)) {
    const status = Number(key);
    if (!Number.isInteger(status) || status < 400 || status > 599) {
      throw new TypeError(
        `errorDocuments: ${key} is not an error status: give pages for statuses from 400 to 599, like { 404: page }`,
      );
    }
    if (typeof page !== "function" && typeof page !== "string") {
      throw new TypeError(
        `errorDocuments: the page for ${status} is ${typeof page}: give an app, or the path of a file`,
      );
    }
    table.set(status, typeof page === "string" ? filePage(status, page) : page);
  }
  return table;
}
