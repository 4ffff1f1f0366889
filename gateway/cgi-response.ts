/**
 * Reading a CGI program's answer (RFC 3875, section 6).
 *
 * A CGI program writes header lines, a blank line, then the body. Three
 * header fields are for the server (RFC 3875, section 6.3):
 * - `Status: 404 Not Found` sets the status (200 when absent);
 * - `Location: /other/path` alone (or with `Status: 200`) is a *local
 *   redirect*: the server answers as if that path had been asked for, and
 *   the client never knows;
 * - `Location: https://example.com/` is a *client redirect*: the server
 *   answers 302 Found unless a `Status` says otherwise;
 * - `Content-Type` is required for any answer that is a document.
 * Lines may end in LF or CRLF. This module finds the end of the header
 * block and turns it into a status and headers for `startResponse`.
 *
 * @example
 * const read = await readHead(child.stdout[Symbol.asyncIterator]());
 * if (read !== undefined) parseHead(read.head); // { status: "200 OK", headers: [...] }
 */
import { STATUS_CODES } from "node:http";
import { checkHeaders, findHeader, hasNoBody, parseStatus } from "./response-checks.ts";
import type { Headers } from "./types.ts";

/** The program's answer is not a valid CGI response: the host answers 502 Bad Gateway. */
export class BadGateway extends Error {
  override name = "BadGateway";
}

/** What the program asked for: a response, or a local redirect to another path on this server. */
export interface CGIAnswer {
  status: string;
  headers: Headers;
  /** The path and query to answer instead (RFC 3875, section 6.2.2). */
  localRedirect?: string;
}

/** A head larger than this is not a head: the program forgot the blank line. */
const MAX_HEAD_BYTES = 64 * 1024;

const LF = 0x0a;
const CR = 0x0d;

/**
 * Reads chunks until the blank line that ends the header block. Returns
 * the head as text (latin-1, as HTTP headers are) and the body bytes that
 * came in the same chunks; `undefined` when the output ended first.
 * @example const read = await readHead(child.stdout[Symbol.asyncIterator]());
 */
export async function readHead(
  chunks: AsyncIterator<Uint8Array>,
): Promise<{ head: string; body: Uint8Array } | undefined> {
  let bytes = Buffer.alloc(0);
  for (let step = await chunks.next(); !step.done; step = await chunks.next()) {
    bytes = Buffer.concat([bytes, step.value]);
    const blank = findBlankLine(bytes);
    if (blank !== undefined) {
      return { head: bytes.toString("latin1", 0, blank.start), body: bytes.subarray(blank.end) };
    }
    if (bytes.byteLength > MAX_HEAD_BYTES) {
      throw new BadGateway(
        `wrote ${MAX_HEAD_BYTES} bytes without the blank line that ends the headers`,
      );
    }
  }
  return undefined;
}

/** Where the first empty line (LF, or CRLF) starts and ends. */
function findBlankLine(bytes: Buffer): { start: number; end: number } | undefined {
  let lineStart = 0;
  for (let lf = bytes.indexOf(LF); lf !== -1; lf = bytes.indexOf(LF, lineStart)) {
    const length = lf - lineStart;
    if (length === 0 || (length === 1 && bytes[lineStart] === CR)) {
      return { start: lineStart, end: lf + 1 };
    }
    lineStart = lf + 1;
  }
  return undefined;
}

/**
 * Turns the header block into a status and headers, following RFC 3875
 * section 6. Throws `BadGateway`, with the reason, when the head is not a
 * valid CGI response.
 * @example parseHead("Location: https://example.com/\n"); // { status: "302 Found", headers: [["Location", ...], ["Content-Type", "text/plain; charset=utf-8"]] }
 */
export function parseHead(head: string): CGIAnswer {
  const fields = head.split("\n").slice(0, -1).map(parseField);
  const status = takeStatus(fields);
  const location = single(fields, "Location");
  const contentType = single(fields, "Content-Type");
  if (status === undefined && location === undefined && contentType === undefined) {
    throw new BadGateway("sent none of Content-Type, Location or Status: a CGI response needs one");
  }
  // Apache takes a local Location with "Status: 200" for a local redirect too; so do we,
  // so that runCGI (which always sends a Status) behaves the same under both.
  if (location !== undefined && isLocalPath(location) && (status ?? "200").startsWith("200")) {
    return { status: "200 OK", headers: [], localRedirect: location };
  }
  const answer = {
    status: status ?? (location === undefined ? "200 OK" : "302 Found"),
    headers: fields,
  };
  if (contentType === undefined) addContentType(answer, location !== undefined);
  try {
    checkHeaders(answer.headers);
  } catch (error) {
    throw new BadGateway(`sent a header that cannot go on the wire: ${(error as Error).message}`);
  }
  return answer;
}

function parseField(line: string): [string, string] {
  const colon = line.indexOf(":");
  if (colon <= 0)
    throw new BadGateway(`wrote a header line without a name and a ":": ${JSON.stringify(line)}`);
  // Around the value, spaces and tabs (and the CR of a CRLF line end) are not part of it.
  return [line.slice(0, colon), line.slice(colon + 1).trim()];
}

/** The value of a CGI field, which may appear once only (RFC 3875, section 6.3). */
function single(fields: Headers, name: string): string | undefined {
  const count = fields.filter(([field]) => field.toLowerCase() === name.toLowerCase()).length;
  if (count > 1) throw new BadGateway(`wrote the ${name} field ${count} times: once at most`);
  return findHeader(fields, name);
}

/** Removes the `Status` field (it is not an HTTP header) and checks it, adding a missing reason. */
function takeStatus(fields: Headers): string | undefined {
  const value = single(fields, "Status");
  if (value === undefined) return undefined;
  fields.splice(
    fields.findIndex(([name]) => name.toLowerCase() === "status"),
    1,
  );
  const code = value.slice(0, 3);
  const status = value.length === 3 ? `${code} ${STATUS_CODES[code] ?? "Unknown"}` : value;
  try {
    parseStatus(status);
  } catch {
    throw new BadGateway(
      `wrote Status: ${value}, not three digits and a reason like "404 Not Found"`,
    );
  }
  return status;
}

/** A local redirect names a path on this server: "/path", not "//host/path" or "https://...". */
function isLocalPath(location: string): boolean {
  return location.startsWith("/") && !location.startsWith("//");
}

/**
 * A document needs a Content-Type (RFC 3875, section 6.3.1). A redirect
 * needs none, but every answer that may have a body gets one from the
 * host, so browsers do not have to guess.
 */
function addContentType(answer: { status: string; headers: Headers }, redirect: boolean): void {
  if (hasNoBody(Number(answer.status.slice(0, 3)))) return;
  if (!redirect) throw new BadGateway("sent a document without a Content-Type header");
  answer.headers.push(["Content-Type", "text/plain; charset=utf-8"]);
}
