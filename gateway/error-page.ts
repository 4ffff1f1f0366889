/**
 * When an app fails before its headers went out: the line in the server's
 * log, and the page the visitor sees.
 *
 * The two say different things on purpose. The log, which only the
 * people running the server read, gets the whole error with its stack; the
 * page, which anyone on the internet may read, says only that something
 * went wrong (a stack trace tells an attacker which code, which paths,
 * which versions). The outgoing response (outgoing-response.ts) uses both, for
 * every server.
 *
 * @example
 * logAppError(environ, error); // "Error while serving GET /cart:\nTypeError: ..."
 * sendErrorPage(sink, true);    // 500, and the page
 */
import { encode } from "./bytes.ts";
import { html } from "./html.ts";
import type { ResponseSink } from "./response-sink.ts";
import type { Environ } from "./types.ts";

/**
 * Writes the error, with the request it broke, to `gateway.errors`.
 * @example logAppError(environ, new Error("no stock"));
 */
export function logAppError(environ: Environ, error: unknown): void {
  const errors = environ["gateway.errors"];
  const { REQUEST_METHOD, REQUEST_URI } = environ;
  errors.write(`Error while serving ${REQUEST_METHOD} ${REQUEST_URI}:\n${describe(error)}\n`);
  errors.flush();
}

/**
 * Answers 500 with a page that tells nothing of the error; `withBody` is
 * false for HEAD, whose answer has the page's headers only.
 * @example sendErrorPage(sink, environ.REQUEST_METHOD !== "HEAD");
 */
export function sendErrorPage(sink: ResponseSink, withBody: boolean): void {
  const page = encode(String(ERROR_PAGE));
  sink.head(500, "Internal Server Error", [
    ["Content-Type", "text/html; charset=utf-8"],
    ["Content-Length", String(page.byteLength)],
  ]);
  sink.end(withBody ? page : undefined);
}

/**
 * The error as the log shows it. Control characters (other than newlines and
 * tabs) are written as escapes, so a message made from request data cannot
 * send commands to the terminal that shows the log.
 */
function describe(error: unknown): string {
  const text = error instanceof Error ? (error.stack ?? String(error)) : String(error);
  return text.replace(/\p{Cc}/gu, (char) =>
    char === "\n" || char === "\t"
      ? char
      : `\\u${char.charCodeAt(0).toString(16).padStart(4, "0")}`,
  );
}

/** The page a visitor sees: it says nothing about the error, which is in the server's log. */
const ERROR_PAGE = html`<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>500 Internal Server Error</title></head>
<body>
<h1>Internal Server Error</h1>
<p>The server could not answer this request. The error is in the server's log.</p>
</body>
</html>
`;
