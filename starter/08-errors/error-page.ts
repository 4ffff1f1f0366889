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
import type { Middleware } from "../../gateway/types.ts";

export const errorPage: Middleware = (app) =>
  async function* withErrorPage(environ, startResponse) {
    // TODO: put this line in a try, and in its catch: make the reference,
    // write the log entry, start the 500 answer with the error as excInfo
    // (the third argument of startResponse), and yield the page.
    yield* await app(environ, startResponse);
  };
