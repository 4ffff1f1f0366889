/**
 * A logging middleware: one line per response on `gateway.errors`.
 *
 * It shows the shape of every function middleware: options first, then the
 * app, then a new app that calls the old one. It wraps `startResponse` to see
 * the status and headers on their way to the server, and changes nothing.
 */
import { findHeader } from "../../gateway/response-checks.ts";
import type { Middleware } from "../../gateway/types.ts";

// #region logger
export interface LoggerOptions {
  /** Starts every line, so two loggers in one stack can be told apart. */
  label: string;
}

export function logger(options: LoggerOptions): Middleware {
  const { label } = options;
  return (app) =>
    function logged(environ, startResponse) {
      const request = `${environ.REQUEST_METHOD} ${environ.REQUEST_URI}`;
      return app(environ, (status, headers, excInfo) => {
        const length = findHeader(headers, "Content-Length") ?? "not set";
        const line = `${label}: ${request} -> ${status}, Content-Length ${length}\n`;
        environ["gateway.errors"].write(line);
        return startResponse(status, headers, excInfo);
      });
    };
}
// #endregion logger
