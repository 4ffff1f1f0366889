/**
 * What the benchmark servers share: the answers they send, and how they
 * talk to the runner.
 *
 * The same body and Content-Type make the responses comparable. A
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
import { encode } from "../../gateway/bytes.ts";
import type { App } from "../../gateway/types.ts";

/** The body: 13 bytes of text. */
export const BODY = "Hello World!\n";

/** The Content-Type: what Express's `res.type("text/plain")` sends, used by the other two as well. */
export const CONTENT_TYPE = "text/plain; charset=utf-8";

/** The 16 KiB page of the Fetch rows: a body big enough that its bytes, not the head, dominate. */
export const PAGE = new Uint8Array(
  Buffer.from(
    `<!doctype html>\n<title>16 KiB</title>\n<p>${"Sixteen kibibytes of text. ".repeat(605)}</p>\n`.padEnd(
      16 * 1024,
      "\n",
    ),
  ),
);

/** The Content-Type of `PAGE`. */
export const PAGE_TYPE = "text/html; charset=utf-8";

/**
 * `BODY` as bytes, encoded once: the peers hold their body as a constant
 * too, and encoding it again for every request (about 1.7 µs in a running
 * server) is the app's cost, not the server's that the rows compare.
 */
export const HELLO = encode(BODY);

/**
 * The gateway app every gateway row serves: lesson 3's hello world (a
 * status, a Content-Type, one chunk; the server adds the Content-Length),
 * and `PAGE` at /page, the same way.
 */
export const helloApp: App = (environ, startResponse) => {
  if (environ.PATH_INFO === "/page") {
    startResponse("200 OK", [["Content-Type", PAGE_TYPE]]);
    return [PAGE];
  }
  startResponse("200 OK", [["Content-Type", CONTENT_TYPE]]);
  return [HELLO];
};

/** Tells the runner where the server listens, and exits when the runner lets go of standard input. */
export function announce(url: string): void {
  console.log(url);
  process.stdin.on("close", () => process.exit(0));
  process.stdin.resume();
}
