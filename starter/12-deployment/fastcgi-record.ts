/**
 * Exercise 12-fastcgi-record: write a FastCGI record by hand.
 *
 * Lesson 01 wrote an HTTP response byte by byte; this is its twin one level
 * down, on the socket between nginx and the app. Everything there travels
 * in records (FastCGI 1.0, section 3.3). `fastcgiRecord(type, requestId,
 * content)` returns the bytes of one:
 *
 * 1. an 8-byte header:
 *    - the version: 1,
 *    - the type: `type` (4 is PARAMS, 5 STDIN, 6 STDOUT, ...),
 *    - the request id, in two bytes, high byte first ("big-endian"):
 *      request 1 is 0, 1 and request 258 is 1, 2 (1 * 256 + 2),
 *    - the content length, in two bytes, high byte first,
 *    - the padding length: how many zero bytes follow the content,
 *    - a reserved byte: 0;
 * 2. the content;
 * 3. the padding: zero bytes, as many as make the whole record a multiple
 *    of 8 bytes long. 5 bytes of content get 3 of padding, 8 bytes get none.
 *
 * Padding is optional in the specification (a reader must accept records
 * without it, and the workshop's server sends none), but nginx pads every
 * record, and so does this exercise. The length has two bytes, so a record
 * holds at most 65535 bytes of content: throw a RangeError for more.
 *
 * The empty STDIN record that ends request 1's body is the 8 bytes
 * 1, 5, 0, 1, 0, 0, 0, 0.
 *
 * Check it: npm run learn -- check 12-fastcgi-record
 * Read: lessons/12-deployment/README.md, "Exercise: write a FastCGI record".
 */

export function fastcgiRecord(_type: number, _requestId: number, _content: Uint8Array): Uint8Array {
  // (The _ before each parameter's name marks it unused for now: drop it as you use it.)
  // TODO: throw a RangeError for content over 65535 bytes; work out the padding; then
  // return the 8-byte header, the content and the padding, in one Uint8Array (or Buffer).
  return new Uint8Array(0);
}
