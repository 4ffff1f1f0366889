/**
 * Showing bytes on a terminal, the invisible ones included.
 *
 * HTTP ends each line with two bytes, CR and LF, and a terminal prints
 * neither: it just moves to the next line. To see the protocol as it is,
 * the demo prints CR as `\r` and LF as `\n` (then breaks the line, so it
 * stays readable).
 *
 * @example
 * showBytes(Buffer.from("GET / HTTP/1.1\r\n\r\n"));
 * // "GET / HTTP/1.1\\r\\n\n\\r\\n\n"
 */

// #region show-bytes
/** The bytes as text, with CR shown as `\r` and LF as `\n` and a line break. */
export function showBytes(bytes: Uint8Array): string {
  // latin1 maps each byte to one character, so nothing is lost or merged.
  const text = Buffer.from(bytes).toString("latin1");
  return text.replaceAll("\r", "\\r").replaceAll("\n", "\\n\n");
}
// #endregion show-bytes
