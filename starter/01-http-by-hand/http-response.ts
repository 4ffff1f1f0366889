/**
 * Exercise 01-http-response: write an HTTP response by hand.
 *
 * `httpResponse(status, contentType, text)` returns the bytes of a whole
 * HTTP/1.1 response, ready to write on a socket:
 *
 * 1. the status line: "HTTP/1.1 " and the status ("200 OK"),
 * 2. a `Content-Type` header with `contentType`,
 * 3. a `Content-Length` header: the size of the body in BYTES,
 * 4. an empty line,
 * 5. the body: `text`, encoded as UTF-8.
 *
 * Every line of the head ends in "\r\n". "Grüße" is 5 characters but 7
 * bytes: encode the body first, then count.
 *
 * Try it on a real socket: npm run demo -- 1 exercise
 * Check it: npm run learn -- check 01-http-response
 * Read: lessons/01-http-by-hand/README.md, "Exercise: write an HTTP response".
 */

export function httpResponse(_status: string, _contentType: string, _text: string): Uint8Array {
  // (The _ before each parameter's name marks it unused for now: drop it as you use it.)
  // TODO: encode the text, then build the status line, the two headers and the empty line,
  // and return the head's bytes followed by the body's.
  return Buffer.from("HTTP/1.1 501 Not Implemented\r\nContent-Length: 0\r\n\r\n", "latin1");
}
