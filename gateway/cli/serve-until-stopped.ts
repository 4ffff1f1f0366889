/**
 * Serving until stopped: the part every serving command shares.
 *
 * `runUntilStopped` starts any server (the `node:http` one, the FastCGI
 * one, Express), turns the usual listen failures into one line a learner
 * can act on, prints where the app is served, and on Ctrl-C (SIGINT, on
 * every OS), SIGTERM (what process managers send) or Ctrl-Break (SIGBREAK,
 * Windows only) closes the server and its connections before exiting, so
 * the port is free again at once. `serveUntilStopped`, which names the
 * file, does the same for the commonest case: an app on the `node:http`
 * server.
 *
 * @example
 * await serveUntilStopped(app, { host: "127.0.0.1", port: 8000 }, (url) => `Serving on ${url}`);
 * await runUntilStopped(() => serveFastCGI(app, address), address, (s) => `On ${s.address}`);
 */
import { type RunningServer, serve } from "../http-server.ts";
import type { App } from "../types.ts";
import { CliError } from "./cli-error.ts";
import type { ListenAddress } from "./listen-address.ts";

const STOP_SIGNALS = ["SIGINT", "SIGTERM", "SIGBREAK"] as const;

/** A server that is listening, as far as stopping it goes. */
export interface Stoppable {
  close(): Promise<void>;
}

/**
 * Serves `app` over HTTP on `address`, prints `announce(url)`, and stops on a signal.
 * Resolves once the server listens; throws a `CliError` when it cannot.
 * @example await serveUntilStopped(homeApp(), address, (url) => `Workshop running at ${url}`);
 */
export function serveUntilStopped(
  app: App,
  address: ListenAddress,
  announce: (url: string) => string,
): Promise<RunningServer> {
  return runUntilStopped(
    () => serve(app, address),
    address,
    (running) => announce(running.url),
  );
}

/**
 * Starts a server listening on `address` with `start`, prints
 * `announce(server)`, and stops it on a signal. Resolves once the server
 * listens; throws a `CliError` when it cannot.
 * @example await runUntilStopped(() => serveFastCGI(app, address), address, (s) => `On ${s.address}`);
 */
export async function runUntilStopped<Server extends Stoppable>(
  start: () => Promise<Server>,
  address: ListenAddress,
  announce: (server: Server) => string,
): Promise<Server> {
  const running = await start().catch((error: unknown) => {
    throw listenError(error, address);
  });
  // Listen for signals before printing: whoever reads the address may signal at once.
  stopOnSignals(running);
  console.log(announce(running));
  return running;
}

function listenError(error: unknown, { host, port }: ListenAddress): unknown {
  switch ((error as NodeJS.ErrnoException).code) {
    case "EADDRINUSE":
      return new CliError(`port ${port} is in use: stop the other server or pass --port`);
    case "EACCES":
      return new CliError(`port ${port} needs administrator rights: pass --port with 1024 or more`);
    case "EADDRNOTAVAIL":
    case "ENOTFOUND":
      return new CliError(`cannot listen on ${host}: no such address here. Try --host 127.0.0.1`);
    default:
      return error;
  }
}

function stopOnSignals(running: Stoppable): void {
  const stop = (signal: NodeJS.Signals): void => {
    // Node's default comes back, so a second Ctrl-C ends the process at once.
    for (const each of STOP_SIGNALS) process.off(each, stop);
    console.log(`Stopping (${signal})...`);
    running.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      },
    );
  };
  for (const signal of STOP_SIGNALS) process.on(signal, stop);
}
