/**
 * Exercise 05-add-header: a middleware that adds a header.
 *
 * `addHeader(name, value)` takes its options first and returns a middleware.
 * The app that middleware makes answers exactly as the app it wraps, with
 * one more header, `name: value`, on every answer:
 *
 *   const app = addHeader("X-Powered-By", "gateway")(hello);
 *   // app's answers: hello's status, hello's headers, then X-Powered-By: gateway
 *
 * Keep the status and every header the wrapped app chose, pass `excInfo` on,
 * and hand the wrapped app back the `write()` function that the server's
 * startResponse returns (an app that uses write() needs it). The checks on
 * `name` and `value` are done for you: they run once, when the middleware is built.
 *
 * Check it: npm run learn -- check 05-add-header
 * Read: lessons/05-function-middleware/README.md, "Exercise: add a header".
 */
import type { Middleware } from "../../gateway/types.ts";

const HEADER_NAME = /^[A-Za-z][A-Za-z0-9-]*$/;

export function addHeader(name: string, value: string): Middleware {
  if (!HEADER_NAME.test(name))
    throw new TypeError(`addHeader: ${JSON.stringify(name)} is not a header name`);
  if (/[\r\n]/.test(value)) throw new TypeError(`addHeader: the value for ${name} holds CR or LF`);
  return (app) =>
    function withHeader(environ, startResponse) {
      // The wrapped app calls our startResponse; ours calls the server's with
      // one more header, and returns the server's write() to the app.
      return app(environ, (status, headers, excInfo) =>
        startResponse(status, [...headers, [name, value]], excInfo),
      );
    };
}
