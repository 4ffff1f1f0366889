/**
 * Request helpers: the query string, and form and JSON bodies (like
 * Werkzeug's `Request.args`, `Request.form` and `Request.get_json`, and
 * Paste's `paste.request.parse_querystring` and `parse_formvars`).
 *
 * Reading a body is where a server meets the open internet, so each reader
 * keeps to a size limit: a `CONTENT_LENGTH` past it gets a 413 before one
 * byte is read, and a body that grows past it while streaming (a chunked
 * upload has no length) stops being read at once, with a 413 too. A body
 * of the wrong type gets a 415, one that cannot be decoded a 400. All three
 * are thrown as `HttpError`s: put `httpErrors()` around the app.
 *
 * `gateway.input` can be read only once, so the bytes are kept (per input)
 * the first time: a CSRF check can read the form, and the app read it again.
 *
 * @example
 * const signIn: App = async (environ, startResponse) => {
 *   const form = await readForm(environ, { limit: 10_000 });
 *   const name = form.get("name") ?? "";
 *   ...
 * };
 */
import { collect } from "../bytes.ts";
import type { Environ, InputStream } from "../types.ts";
import {
  badRequest,
  contentTooLarge,
  type HttpError,
  unsupportedMediaType,
} from "./http-errors.ts";

/**
 * A reader's options.
 * @example await readForm(environ, { limit: 10_000 });
 */
export interface ReadOptions {
  /** The largest body accepted, in bytes (default 100 000). */
  limit?: number;
}

const DEFAULT_LIMIT = 100_000;

/**
 * The query string's parameters, as `URLSearchParams` reads them: "+" is a
 * space, a repeated key keeps every value (`getAll`), and a stray "%" is
 * kept as it is rather than refused.
 * @example query(environ).get("page"); query(environ).getAll("tag");
 */
export function query(environ: Environ): URLSearchParams {
  return new URLSearchParams(environ.QUERY_STRING);
}

/**
 * The request body as bytes, at most `limit` of them (413 past it).
 * @example const bytes = await readBody(environ, { limit: 1_000_000 });
 */
export async function readBody(environ: Environ, options: ReadOptions = {}): Promise<Uint8Array> {
  const limit = checkLimit(options.limit ?? DEFAULT_LIMIT);
  const declared = Number(environ.CONTENT_LENGTH || 0);
  if (declared > limit) throw tooLarge(limit);
  const body = await readOnce(environ["gateway.input"], limit);
  // A body read earlier under a larger limit must still keep to this one.
  if (body.byteLength > limit) throw tooLarge(limit);
  return body;
}

/**
 * An `application/x-www-form-urlencoded` body (what an HTML form sends).
 * 415 for another type, 400 for bytes or escapes that are not UTF-8.
 * @example const form = await readForm(environ); form.get("password");
 */
export async function readForm(
  environ: Environ,
  options: ReadOptions = {},
): Promise<URLSearchParams> {
  checkType(environ, (type) => type === "application/x-www-form-urlencoded", "a form");
  const text = decodeUtf8(await readBody(environ, options));
  const form = new URLSearchParams();
  for (const pair of text.split("&")) {
    if (pair === "") continue;
    const [name = "", value = ""] = splitOnce(pair.replaceAll("+", " "), "=");
    form.append(percentDecode(name), percentDecode(value));
  }
  return form;
}

/**
 * A JSON body (`application/json`, or any `+json` type such as
 * `application/merge-patch+json`). 415 for another type, 400 for an empty
 * body or text that is not JSON.
 * @example const { title } = (await readJson(environ)) as { title?: unknown };
 */
export async function readJson(environ: Environ, options: ReadOptions = {}): Promise<unknown> {
  checkType(environ, (type) => type === "application/json" || type.endsWith("+json"), "JSON");
  const text = decodeUtf8(await readBody(environ, options));
  try {
    return JSON.parse(text);
  } catch (error) {
    throw badRequest("The request body is not valid JSON.", error);
  }
}

/**
 * The bodies read so far, by input stream. Keyed by the stream, not the
 * environ: middleware may copy the environ (`urlMap` does), but the copy
 * holds the same stream.
 */
const bodies = new WeakMap<InputStream, Promise<Uint8Array>>();

function readOnce(input: InputStream, limit: number): Promise<Uint8Array> {
  let body = bodies.get(input);
  if (body === undefined) {
    // collect() stops reading past the limit, which tells the server to discard the rest.
    body = collect(input, { limit }).catch((error: unknown) => {
      throw error instanceof RangeError ? tooLarge(limit) : error;
    });
    bodies.set(input, body);
  }
  return body;
}

/** The media type, lower case, without parameters; `charset`, if given, must be UTF-8. */
function checkType(environ: Environ, accepts: (type: string) => boolean, wanted: string): void {
  const [type = "", ...parameters] = (environ.CONTENT_TYPE ?? "").split(";");
  if (!accepts(type.trim().toLowerCase())) {
    throw unsupportedMediaType(
      `This address takes ${wanted}, not ${type.trim() || "a body without a type"}.`,
    );
  }
  for (const parameter of parameters) {
    const [name = "", value = ""] = splitOnce(parameter.trim().toLowerCase(), "=");
    if (name === "charset" && value.replaceAll('"', "") !== "utf-8") {
      throw unsupportedMediaType("This address takes text in UTF-8 only.");
    }
  }
}

function decodeUtf8(bytes: Uint8Array): string {
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch (error) {
    throw badRequest("The request body is not valid UTF-8.", error);
  }
}

function percentDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch (error) {
    throw badRequest("The form holds an escape (%) that is not valid UTF-8.", error);
  }
}

function splitOnce(text: string, separator: string): [string, string?] {
  const at = text.indexOf(separator);
  return at === -1 ? [text] : [text.slice(0, at), text.slice(at + separator.length)];
}

function checkLimit(limit: number): number {
  if (!Number.isSafeInteger(limit) || limit < 0) {
    throw new TypeError(`the body limit is a whole number of bytes, like 100_000, not ${limit}`);
  }
  return limit;
}

function tooLarge(limit: number): HttpError {
  return contentTooLarge(
    `The request body is larger than the ${limit} bytes this address accepts.`,
  );
}
