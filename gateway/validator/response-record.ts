/**
 * The record of one response, as the validator watches it go by.
 *
 * `startResponse`, `write()` and the body all feed one `ResponseRecord`:
 * it knows whether the response has started, its status code, the length
 * its Content-Length promised, and how many bytes came so far. That is
 * enough to check the rules that span the whole response: the start comes
 * before the first chunk, a 204 or 304 carries no bytes, and the body is as
 * long as its Content-Length says.
 *
 * @example
 * const record = new ResponseRecord("GET");
 * record.start(200, [["Content-Length", "2"]]);
 * record.count(encode("hi"));
 * record.end(); // throws a ValidationError when a rule was broken
 */
import { findHeader, hasNoBody } from "../response-checks.ts";
import type { Chunk, Headers } from "../types.ts";
import { fail } from "./validation-error.ts";

/** One response's progress: what was started, and how many bytes went out. */
export class ResponseRecord {
  #code: number | undefined;
  #declaredLength: number | undefined;
  #bytes = 0;
  readonly #method: string;

  constructor(method: string) {
    this.#method = method;
  }

  /** True once startResponse was called. */
  get started(): boolean {
    return this.#code !== undefined;
  }

  /** Records a (checked) call of startResponse; a second call with excInfo replaces the first. */
  start(code: number, headers: Headers): void {
    this.#code = code;
    const length = findHeader(headers, "Content-Length");
    this.#declaredLength = length === undefined ? undefined : Number(length);
  }

  /** Counts a chunk of the body, or of write(), as it goes out. */
  count(chunk: Chunk): void {
    const code = this.#code;
    checkStartedBeforeBody(code, `a chunk of ${chunk.byteLength} bytes`);
    checkNoBodyAllowed(code, chunk);
    this.#bytes += chunk.byteLength;
    if (this.#checksLength(code)) checkContentLength(this.#declaredLength, this.#bytes, false);
  }

  /** Checks a body that came to its end. */
  end(): void {
    const code = this.#code;
    checkStartedBeforeBody(code, "the end of the body");
    if (this.#checksLength(code)) checkContentLength(this.#declaredLength, this.#bytes, true);
  }

  /** HEAD answers declare the length of the GET body they stand for; 204 and 304 have none. */
  #checksLength(code: number): boolean {
    return this.#method !== "HEAD" && !hasNoBody(code);
  }
}

/** Rule `start-before-body`. An empty body must still have started by its end. */
function checkStartedBeforeBody(code: number | undefined, what: string): asserts code is number {
  if (code === undefined) fail("start-before-body", `${what} before any call of startResponse`);
}

/** Rule `no-body-allowed`. Empty chunks are fine: they carry no bytes. */
function checkNoBodyAllowed(code: number, chunk: Chunk): void {
  if (hasNoBody(code) && chunk.byteLength > 0) {
    fail("no-body-allowed", `${chunk.byteLength} bytes in a ${code} response`);
  }
}

/** Rule `content-length-match`: never past the promise, and exactly on it at the end. */
function checkContentLength(declared: number | undefined, bytes: number, ended: boolean): void {
  if (declared === undefined) return;
  if (bytes > declared || (ended && bytes < declared)) {
    fail(
      "content-length-match",
      `${bytes} bytes${ended ? "" : " so far"} for a Content-Length of ${declared}`,
    );
  }
}
