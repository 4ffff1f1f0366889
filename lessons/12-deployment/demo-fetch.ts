/**
 * `npm run demo -- 12 fetch`: lesson 12's app as a Fetch handler, a
 * function from `Request` to `Response`. It calls the handler once and
 * prints the answer, then serves it on http://127.0.0.1:8012/app/ so a
 * browser can reach it. Needs no web server. Takes `--host`/`--port`.
 */
import { fetchApp } from "../../gateway/bridges/fetch-app.ts";
import { fetchHandler } from "../../gateway/bridges/fetch-handler.ts";
import { CliError } from "../../gateway/cli/cli-error.ts";
import { readArgs } from "../../gateway/cli/command.ts";
import { listenAddress, listenOptions } from "../../gateway/cli/listen-address.ts";
import { serveUntilStopped } from "../../gateway/cli/serve-until-stopped.ts";
import { demoListening } from "../../workshop/running-demos.ts";
import { app } from "./app.ts";
import { TRACE_BEHIND_ONLY } from "./run-behind.ts";

// #region handler
const handler = fetchHandler(app, { scriptName: "/app" }); // (request) => a Response, or a promise of one
const response = await handler(new Request("http://127.0.0.1:8012/app/hello?x=1"));
console.log(response.status, response.statusText);
for (const [name, value] of response.headers) console.log(`${name}: ${value}`);
console.log(`\n${await response.text()}`);
// #endregion handler

try {
  const { values } = readArgs(process.argv.slice(2), {
    ...listenOptions,
    trace: { type: "boolean" },
  });
  if (values.trace) throw new CliError(TRACE_BEHIND_ONLY);
  const address = listenAddress(values, 8012);
  // #region serve
  // Deno, Bun or a Worker would serve `handler` itself. Node's http server speaks
  // the gateway interface, so fetchApp turns the handler back into an app for it.
  const running = await serveUntilStopped(fetchApp(handler), address, (url) =>
    [`Lesson 12 demo, as a Fetch handler: open ${url}app/`, "Press Ctrl-C to stop."].join("\n"),
  );
  // #endregion serve
  demoListening(running.url);
} catch (error) {
  if (!(error instanceof CliError)) throw error;
  console.error(`Lesson 12 Fetch demo: ${error.message}`);
  process.exitCode = error.exitCode;
}
