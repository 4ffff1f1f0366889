/**
 * The two things every error handler here does: log the error for the
 * developer, and show the visitor a page that says nothing about it.
 */
import { encode } from "../../gateway/bytes.ts";
import { html } from "../../gateway/html.ts";
import type { Chunk, Environ, StartResponse } from "../../gateway/types.ts";

// #region log-error
/** Writes the error, with its stack, to the server's log: the developer's side. */
export function logError(environ: Environ, error: unknown): void {
  const errors = environ["gateway.errors"];
  const stack = error instanceof Error ? (error.stack ?? String(error)) : String(error);
  errors.write(`Error in ${environ.REQUEST_METHOD} ${environ.REQUEST_URI}:\n${stack}\n`);
  errors.flush();
}

const SORRY = encode(
  String(html`<!doctype html>
<title>Something went wrong</title>
<h1>Something went wrong</h1>
<p>We have logged the error and will look into it. Please try again later.</p>
`),
);

/** Starts a 500 answer with `excInfo` and returns its page: the visitor's side. */
export function sorryPage(startResponse: StartResponse, excInfo: unknown): Chunk[] {
  const headers: [string, string][] = [
    ["Content-Type", "text/html; charset=utf-8"],
    ["Content-Length", String(SORRY.byteLength)],
  ];
  startResponse("500 Internal Server Error", headers, excInfo); // rethrows if too late
  return [SORRY];
}
// #endregion log-error
