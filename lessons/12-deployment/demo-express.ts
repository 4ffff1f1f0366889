/**
 * `npm run demo -- 12 express`: lesson 12's app mounted inside an Express
 * site. On http://127.0.0.1:8012/, Express answers `/` itself, and hands
 * everything under `/app` to the gateway app. Needs no web server, so it
 * runs on Windows too. Takes `--host`/`--port` like every demo.
 */
import { once } from "node:events";
import type { AddressInfo } from "node:net";
import express from "express";
import { expressHandler } from "../../gateway/bridges/express.ts";
import { CliError } from "../../gateway/cli/cli-error.ts";
import { readArgs } from "../../gateway/cli/command.ts";
import { listenAddress, listenOptions } from "../../gateway/cli/listen-address.ts";
import { runUntilStopped } from "../../gateway/cli/serve-until-stopped.ts";
import { demoListening } from "../../workshop/running-demos.ts";
import { app } from "./app.ts";
import { TRACE_BEHIND_ONLY } from "./run-behind.ts";

// #region express
const site = express();
site.get("/", (_req, res) => {
  res.send('<p>This page is Express\'s own. The gateway app is at <a href="/app/">/app/</a>.</p>');
});
// Express strips "/app" from the path; the bridge puts it in SCRIPT_NAME. No mountedAt needed.
// No body parser (express.json(), ...) before this line: the app reads the body itself.
site.use("/app", expressHandler(app));
// #endregion express

/** Starts Express on `address`; `close` also ends kept-alive connections, so Ctrl-C is quick. */
async function listen(address: { host: string; port: number }) {
  const server = site.listen(address.port, address.host);
  await once(server, "listening");
  const { port } = server.address() as AddressInfo;
  const close = () => {
    server.closeAllConnections();
    return new Promise<void>((resolve) => server.close(() => resolve()));
  };
  return { url: `http://${address.host}:${port}/`, close };
}

try {
  const { values } = readArgs(process.argv.slice(2), {
    ...listenOptions,
    trace: { type: "boolean" },
  });
  if (values.trace) throw new CliError(TRACE_BEHIND_ONLY);
  const address = listenAddress(values, 8012);
  const running = await runUntilStopped(
    () => listen(address),
    address,
    ({ url }) => `Lesson 12 demo, inside Express: open ${url}\nPress Ctrl-C to stop.`,
  );
  demoListening(running.url);
} catch (error) {
  if (!(error instanceof CliError)) throw error;
  console.error(`Lesson 12 Express demo: ${error.message}`);
  process.exitCode = error.exitCode;
}
