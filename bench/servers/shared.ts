/**
 * What the three benchmark servers share: the answer they send, and how
 * they talk to the runner.
 *
 * The same body and Content-Type make the three responses comparable. A
 * server prints its URL as its first line (that is how the runner learns
 * the free port the system picked), and exits when its standard input
 * closes: that stops it the same way on every OS, and lets
 * `node --cpu-prof` write its profile, which a killed process never does.
 *
 * @example
 * res.writeHead(200, { "Content-Type": CONTENT_TYPE });
 * res.end(BODY);
 * announce(`http://127.0.0.1:${port}/`);
 */

/** The body: 13 bytes of text. */
export const BODY = "Hello World!\n";

/** The Content-Type: what Express's `res.type("text/plain")` sends, used by the other two as well. */
export const CONTENT_TYPE = "text/plain; charset=utf-8";

/** Tells the runner where the server listens, and exits when the runner lets go of standard input. */
export function announce(url: string): void {
  console.log(url);
  process.stdin.on("close", () => process.exit(0));
  process.stdin.resume();
}
