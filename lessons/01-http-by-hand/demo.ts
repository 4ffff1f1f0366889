/**
 * `npm run demo -- 1`: an HTTP server written on a bare TCP socket, printing every
 * byte each request sends. It listens on http://127.0.0.1:8001/.
 *
 * Like every demo it takes `--host`/`--port` (or `HOST`/`PORT`). Ctrl-C
 * stops it: it keeps nothing that needs cleaning up.
 */
import { readArgs } from "../../gateway/cli/command.ts";
import { listenAddress, listenOptions } from "../../gateway/cli/listen-address.ts";
import { demoListening } from "../../workshop/running-demos.ts";
import { rawServer } from "./server.ts";

function start(): void {
  const { host, port } = listenAddress(readArgs(process.argv.slice(2), listenOptions).values, 8001);
  const server = rawServer();
  server.on("error", (error: NodeJS.ErrnoException) => {
    const inUse = error.code === "EADDRINUSE";
    fail(inUse ? `port ${port} is in use: stop the other server or pass --port` : error.message);
  });
  server.listen(port, host, () => {
    console.log(`Lesson 01 demo: open http://${host}:${port}/ (or /chunked)`);
    console.log("Every byte that arrives is printed below. Press Ctrl-C to stop.");
    demoListening(`http://${host}:${port}/`);
  });
}

function fail(message: string): void {
  console.error(`Lesson 01 demo: ${message}`);
  process.exitCode = 1;
}

try {
  start();
} catch (error) {
  fail(error instanceof Error ? error.message : String(error));
}
