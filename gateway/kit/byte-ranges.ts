/**
 * The `Range` header: asking for part of a file (RFC 9110, section 14; in
 * Werkzeug, `werkzeug.http.parse_range_header`).
 *
 * A video player seeking to the middle of a film, or a download resuming
 * after the connection dropped, asks for bytes `a` to `b` of the file and
 * gets a 206 Partial Content answer holding just those. Three forms exist,
 * all inclusive and counted from 0:
 *
 *   bytes=0-99    the first 100 bytes
 *   bytes=100-    from byte 100 to the end
 *   bytes=-100    the last 100 bytes (a "suffix")
 *
 * A range that starts past the end of the file cannot be satisfied: the
 * answer is 416, saying how long the file really is. Anything this parser
 * does not understand (another unit, a malformed range, or several ranges
 * at once, which would need a multipart answer) is ignored, and the whole
 * file is sent: RFC 9110 (section 14.2) lets a server ignore `Range`, and
 * the client still gets correct bytes.
 *
 * @example
 * parseRange("bytes=-100", 1000); // { kind: "part", start: 900, end: 999 }
 * parseRange("bytes=5000-", 1000); // { kind: "unsatisfiable" }
 * parseRange("bytes=0-1,5-6", 1000); // { kind: "whole" }
 */

/**
 * What to send for a request's `Range`: the whole file, one part of it
 * (`start` to `end`, both included), or a 416.
 * @example if (range.kind === "part") headers.push(["Content-Range", `bytes ${range.start}-${range.end}/${size}`]);
 */
export type RangeAnswer =
  | { kind: "whole" }
  | { kind: "part"; start: number; end: number }
  | { kind: "unsatisfiable" };

/** One range of bytes; the unit is case-insensitive, spaces are allowed around the range. */
const BYTE_RANGE = /^bytes=[ \t]*(\d*)-(\d*)[ \t]*$/i;

const WHOLE: RangeAnswer = { kind: "whole" };
const UNSATISFIABLE: RangeAnswer = { kind: "unsatisfiable" };

/**
 * Reads a `Range` header against a file of `size` bytes.
 * @example parseRange(environ.HTTP_RANGE, stat.size)
 */
export function parseRange(header: string | undefined, size: number): RangeAnswer {
  const match = header === undefined ? null : BYTE_RANGE.exec(header);
  if (match === null) return WHOLE;
  const [, first = "", last = ""] = match;
  if (first === "") return last === "" ? WHOLE : suffix(Number(last), size);
  const start = Number(first);
  const end = last === "" ? Number.POSITIVE_INFINITY : Number(last);
  if (end < start) return WHOLE; // "bytes=9-5" is malformed: ignore it
  if (start >= size) return UNSATISFIABLE;
  return { kind: "part", start, end: Math.min(end, size - 1) };
}

/** The last `length` bytes; the whole file if it is shorter; none at all cannot be sent. */
function suffix(length: number, size: number): RangeAnswer {
  if (length === 0 || size === 0) return UNSATISFIABLE;
  return { kind: "part", start: Math.max(0, size - length), end: size - 1 };
}
