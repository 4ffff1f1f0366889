/**
 * Exercise 04-server-report: what does the server say about itself?
 *
 * The same app runs under CGI, under the long-running `node:http` server
 * and in the test client, and it never asks which one: each server
 * describes itself in the environ. Write an app that reports it.
 *
 * Answer "200 OK" with `Content-Type: application/json` and this JSON
 * object, every value read from the environ:
 *
 *   {
 *     "server": SERVER_NAME and SERVER_PORT, joined by ":" ("localhost:80"),
 *     "scheme": gateway.url_scheme ("http"),
 *     "runOnce": gateway.run_once (true or false),
 *     "multiprocess": gateway.multiprocess,
 *     "multithread": gateway.multithread
 *   }
 *
 * And write one line to the server's log, `gateway.errors`:
 * "report for SERVER_NAME:SERVER_PORT\n".
 *
 * Check it: npm run learn -- check 04-server-report
 * Read: lessons/04-many-servers/README.md, "Exercise: report the server".
 */
import { encode } from "../../gateway/bytes.ts";
import type { App } from "../../gateway/types.ts";

// Step: build the report from the environ's keys.
export const app: App = (environ, startResponse) => {
  const server = `${environ.SERVER_NAME}:${environ.SERVER_PORT}`;
  const report = {
    server,
    scheme: environ["gateway.url_scheme"],
    runOnce: environ["gateway.run_once"],
    multiprocess: environ["gateway.multiprocess"],
    multithread: environ["gateway.multithread"],
  };
  // Step: write a line to the server's log.
  // gateway.errors is the server's log: stderr under CGI and serve, a string in the test client.
  environ["gateway.errors"].write(`report for ${server}\n`);
  // Step: answer 200 with the report as JSON.
  // JSON is text: like any body, it goes out as bytes.
  const body = encode(JSON.stringify(report));
  startResponse("200 OK", [
    ["Content-Type", "application/json"],
    ["Content-Length", String(body.byteLength)],
  ]);
  return [body];
};
