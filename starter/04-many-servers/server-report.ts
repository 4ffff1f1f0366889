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

export const app: App = (_environ, startResponse) => {
  // (The _ in _environ marks it unused for now: drop it when you use it.)
  // TODO: build the report object from the environ's keys.
  // TODO: write "report for NAME:PORT\n" to environ["gateway.errors"].
  // TODO: answer 200 OK with the report as JSON (application/json).
  startResponse("501 Not Implemented", [["Content-Type", "text/plain; charset=utf-8"]]);
  return [encode("Not done yet: edit starter/04-many-servers/server-report.ts\n")];
};
