/**
 * Lesson 04's app: one app that shows what each server tells it.
 *
 * It answers with the environ it was given, and with a request counter
 * kept in this process's memory. Under a long-running server the counter
 * climbs and the process id stays; under CGI each request is a new
 * process, so the counter is always 1 and `gateway.run_once` is true.
 * The app never asks which server runs it: it reads the environ.
 *
 * @example
 * // npm run demo -- 4        (the node:http server)
 * // npm run demo -- 4 cgi    (the same app, one process per request)
 */
import { encode } from "../../gateway/bytes.ts";
import type { App } from "../../gateway/types.ts";

let requests = 0; // lives as long as the process does

// #region app
export const app: App = (environ, startResponse) => {
  requests += 1;
  const lines = [`Request ${requests} in process ${process.pid}.`, ""];
  const byName = Object.entries(environ).sort(([a], [b]) => (a < b ? -1 : 1));
  for (const [key, value] of byName) lines.push(`${key} = ${show(value)}`);
  const body = encode(`${lines.join("\n")}\n`);
  startResponse("200 OK", [
    ["Content-Type", "text/plain; charset=utf-8"],
    ["Content-Length", String(body.byteLength)],
  ]);
  return [body];
};
// #endregion app

/** Strings in quotes (so "" shows), flags and arrays as written, streams and signals by their kind. */
function show(value: unknown): string {
  if (value instanceof AbortSignal)
    return value.aborted ? "(an aborted AbortSignal)" : "(an AbortSignal)";
  if (typeof value === "object" && value !== null && !Array.isArray(value)) {
    return Symbol.asyncIterator in value ? "(an async iterable of bytes)" : "(an object)";
  }
  return JSON.stringify(value);
}
