/**
 * Reading a CGI request's body from standard input.
 *
 * The server puts the body on the program's stdin and its size in
 * `CONTENT_LENGTH` (RFC 3875, section 4.2). Read exactly that many bytes:
 * the server need not close stdin after them, so waiting for its end could
 * wait forever.
 *
 * @example
 * const body = await readBody(Number(process.env.CONTENT_LENGTH || 0)); // "name=Ada"
 */

// #region read-body
/** Reads `length` bytes from stdin and decodes them as UTF-8. */
export async function readBody(length: number): Promise<string> {
  const chunks: Buffer[] = [];
  let got = 0;
  if (length > 0) {
    for await (const chunk of process.stdin) {
      chunks.push(chunk as Buffer);
      got += (chunk as Buffer).byteLength;
      if (got >= length) break; // leaving the loop closes stdin: we have what we need
    }
  }
  return Buffer.concat(chunks).subarray(0, length).toString("utf8");
}
// #endregion read-body
