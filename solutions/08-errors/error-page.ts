/**
 * Exercise 08-error-page: an error page with a reference.
 *
 * `errorPage` wraps an app. When the app fails, whether when it is called or
 * while its body is read, and nothing has been sent yet, it:
 *
 * 1. makes a reference for this error: 8 hex digits, new each time
 *    (`randomBytes(4).toString("hex")`, from node:crypto);
 * 2. logs to `environ["gateway.errors"]` the reference, the request (method
 *    and REQUEST_URI) and the error's stack:
 *
 *        Error 3f9a2c1e in GET /report?month=2:
 *        Error: connection to db.internal:5432 lost (user report_admin)
 *            at ...
 *
 * 3. answers "500 Internal Server Error", `text/html; charset=utf-8`, with a
 *    page that shows the reference and nothing about the error itself (no
 *    message, no stack), for example:
 *
 *        <h1>Something went wrong</h1>
 *        <p>Error reference: 3f9a2c1e</p>
 *
 * A visitor who reports the reference lets you find the log entry, and the
 * details stay in the log. The app may have called startResponse already:
 * pass the error as excInfo. A working app's answer passes through unchanged.
 *
 * Check it: npm run learn -- check 08-error-page
 * Read: lessons/08-errors/README.md, "Exercise: an error page with a reference".
 */
import { randomBytes } from "node:crypto";
import { encode } from "../../gateway/bytes.ts";
import { html, type SafeHtml } from "../../gateway/html.ts";
import type { Environ, Headers, Middleware } from "../../gateway/types.ts";

export const errorPage: Middleware = (app) =>
  async function* withErrorPage(environ, startResponse) {
    try {
      // The call and every chunk of the body are inside the try: a generator
      // app fails while it is read, not when it is called.
      yield* await app(environ, startResponse);
    } catch (error) {
      const reference = randomBytes(4).toString("hex");
      logError(environ, reference, error);
      const page = encode(String(referencePage(reference)));
      const headers: Headers = [
        ["Content-Type", "text/html; charset=utf-8"],
        ["Content-Length", String(page.byteLength)],
      ];
      // excInfo: replaces the status if nothing was sent; rethrows if it was too late.
      startResponse("500 Internal Server Error", headers, error);
      yield page;
    }
  };

/** The developer's side: everything about the error, in the server's log. */
function logError(environ: Environ, reference: string, error: unknown): void {
  const stack = error instanceof Error ? (error.stack ?? String(error)) : String(error);
  const request = `${environ.REQUEST_METHOD} ${environ.REQUEST_URI}`;
  environ["gateway.errors"].write(`Error ${reference} in ${request}:\n${stack}\n`);
}

/** The visitor's side: only the reference, nothing about the error. */
function referencePage(reference: string): SafeHtml {
  return html`<!doctype html>
<title>Something went wrong</title>
<h1>Something went wrong</h1>
<p>Error reference: ${reference}</p>
`;
}
