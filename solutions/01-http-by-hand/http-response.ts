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

// Step: encode the text first, so its length can be counted in bytes.
export function httpResponse(status: string, contentType: string, text: string): Uint8Array {
  const body = Buffer.from(text, "utf8");
  // Step: write the head (status line, two headers, an empty line) and join it to the body.
  // The length is known only once the text is bytes: "ü" is two of them.
  const head =
    `HTTP/1.1 ${status}\r\n` +
    `Content-Type: ${contentType}\r\n` +
    `Content-Length: ${body.byteLength}\r\n` +
    "\r\n";
  return Buffer.concat([Buffer.from(head, "latin1"), body]);
}
