/**
 * Conditional requests: "send it only if it changed" (RFC 9110, section 13;
 * in Werkzeug, `werkzeug.http.is_resource_modified`).
 *
 * With each file, the server sends two validators: an `ETag` (a tag that
 * changes whenever the file does) and a `Last-Modified` date. A browser
 * keeps them with its cached copy and asks again with `If-None-Match: <the
 * tag>` or `If-Modified-Since: <the date>`; if the file has not changed, the
 * answer is a bodiless 304 Not Modified and the browser uses its copy.
 *
 * When both are sent, `If-None-Match` wins and the date is not looked at
 * (RFC 9110, section 13.2.2): a tag is exact, while a date is only to the
 * second, and a file can change twice in one second.
 *
 * Our tags are weak (`W/"..."`), made from the size and the modification
 * time rather than a hash of the bytes: cheap, with no need to read the
 * file, but not a promise that two files are byte for byte the same. That is
 * enough for 304s, which compare tags weakly; it is not enough for
 * `If-Range`, which needs a strong tag, so there only the date is trusted.
 *
 * @example
 * const validators = fileValidators(stat);
 * if (isNotModified(environ, validators, stat.mtimeMs)) // answer 304
 */

import type { Environ } from "../types.ts";
import { parseHttpDate } from "./http-date.ts";

/**
 * A file's validators, as header values.
 * @example startResponse("304 Not Modified", [["ETag", validators.etag]]);
 */
export interface FileValidators {
  /** `W/"<size>-<mtime>"`, both in hexadecimal. */
  etag: string;
  /** The modification time as an HTTP date: "Tue, 24 Nov 2026 20:35:55 GMT". */
  lastModified: string;
}

/** Each entity tag in a list: an optional `W/`, then a quoted string. */
const ENTITY_TAG = /(?:W\/)?"[^"]*"/g;

/**
 * The validators for a file, from its `fs.stat`.
 * @example fileValidators({ size: 11, mtimeMs: 1_700_000_000_000 }).etag; // 'W/"b-18bcfe56800"'
 */
export function fileValidators(stat: { size: number; mtimeMs: number }): FileValidators {
  const mtime = Math.floor(stat.mtimeMs);
  return {
    etag: `W/"${stat.size.toString(16)}-${mtime.toString(16)}"`,
    lastModified: new Date(mtime).toUTCString(),
  };
}

/**
 * True when the client's cached copy is still good: answer 304. `If-None-Match`
 * decides when present; else `If-Modified-Since`, to the second.
 * @example if (isNotModified(environ, validators, stat.mtimeMs)) return notModified();
 */
export function isNotModified(
  environ: Environ,
  validators: FileValidators,
  mtimeMs: number,
): boolean {
  const ifNoneMatch = environ.HTTP_IF_NONE_MATCH;
  if (ifNoneMatch !== undefined) return matchesTag(ifNoneMatch, validators.etag);
  // A value that is not an HTTP date is ignored (RFC 9110, section 13.1.3).
  const since = parseHttpDate(environ.HTTP_IF_MODIFIED_SINCE ?? "");
  // HTTP dates have whole seconds; the file's time has milliseconds.
  return since !== undefined && Math.floor(mtimeMs / 1000) * 1000 <= since;
}

/**
 * True when a `Range` may be served: there is no `If-Range`, or it names the
 * file as it is now. Otherwise the client's partial copy is of an older
 * file, and it must get the whole new one (RFC 9110, section 13.1.5).
 * @example const range = rangeStillValid(environ, validators) ? parseRange(environ.HTTP_RANGE, size) : { kind: "whole" };
 */
export function rangeStillValid(environ: Environ, validators: FileValidators): boolean {
  const ifRange = environ.HTTP_IF_RANGE;
  return ifRange === undefined || ifRange.trim() === validators.lastModified;
}

/** Weak comparison (RFC 9110, section 8.8.3.2): `W/"x"` and `"x"` match; `*` matches any file. */
function matchesTag(list: string, etag: string): boolean {
  if (list.trim() === "*") return true;
  const opaque = (tag: string) => tag.replace(/^W\//, "");
  return (list.match(ENTITY_TAG) ?? []).some((tag) => opaque(tag) === opaque(etag));
}
