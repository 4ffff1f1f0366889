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
 * server. When tracing is on (`npm run signin -- --trace`), it serves the
 * app as a trace point (gateway/trace/stack.ts), so each trace shows the
 * server's side too: the head, the chunks sent, the end.
 *
 * A server with workers (`--workers`, or `serve(app, { workers })`) has a
 * supervisor, and more to do: a reload is asked for with SIGHUP (Linux,
 * macOS) or `gateway reload` (everywhere: workers/reload-channel.ts), and
 * the line after the announcement says how; stopping lets requests under
 * way finish first (the graceful timeout); and workers that keep dying
 * end the process with exit code 1 and the reason.
 *
 * What the app holds open besides the server (a database, an embedded
 * database server) is closed after the server, once the requests under way
 * are done with it: `alsoClose`.
 *
 * @example
 * await serveUntilStopped(app, { host: "127.0.0.1", port: 8000 }, (url) => `Serving on ${url}`);
 * await serveUntilStopped(app, address, (url) => `Serving on ${url}`, { workers: 2 });
 * await runUntilStopped(() => serveFastCGI(app, address), address, (s) => `On ${s.address}`);
 */
import {
  type RunningServer,
  type RunningWorkers,
  type ServeOptions,
  serve,
} from "../http-server.ts";
import { tracedApp } from "../trace/stack.ts";
import type { App } from "../types.ts";
import type { WorkerCount } from "../workers/run-in-workers.ts";
import type { Supervisor } from "../workers/supervisor.ts";
import { CliError } from "./cli-error.ts";
import type { ListenAddress } from "./listen-address.ts";
import { reloadOnRequest } from "./reload-on-request.ts";

const STOP_SIGNALS = ["SIGINT", "SIGTERM", "SIGBREAK"] as const;

/** A server that is listening, as far as stopping it goes. */
export interface Stoppable {
  close(): Promise<void>;
  /** Present when workers serve: reloading and watching them goes through it. */
  supervisor?: Supervisor;
}

/** How `serveUntilStopped` serves, besides where: the `ServeOptions` that are not the address. */
export type ServeUntilStoppedOptions = Pick<ServeOptions, "gracefulTimeout" | "errors"> & {
  /** Closes what the app holds open, once the server has stopped (in the supervisor, with workers). */
  alsoClose?: () => Promise<void>;
};

/**
 * Serves `app` over HTTP on `address`, prints `announce(url)`, and stops on
 * a signal; with `workers`, from that many processes. Resolves once the
 * server listens; throws a `CliError` when it cannot.
 * @example await serveUntilStopped(homeApp(), address, (url) => `Workshop running at ${url}`);
 */
export function serveUntilStopped(
  app: App,
  address: ListenAddress,
  announce: (url: string) => string,
  options: ServeUntilStoppedOptions & { workers: WorkerCount },
): Promise<RunningWorkers>;
export function serveUntilStopped(
  app: App,
  address: ListenAddress,
  announce: (url: string) => string,
  options?: ServeUntilStoppedOptions,
): Promise<RunningServer>;
export function serveUntilStopped(
  app: App,
  address: ListenAddress,
  announce: (url: string) => string,
  options: ServeUntilStoppedOptions & { workers?: WorkerCount } = {},
): Promise<RunningServer | RunningWorkers> {
  const { workers, alsoClose, ...one } = options;
  const served = tracedApp(app); // the app itself unless tracing is on
  return runUntilStopped<RunningServer | RunningWorkers>(
    () =>
      // Two calls, not one: TypeScript picks what `serve` returns by whether `workers` is there.
      workers === undefined
        ? serve(served, { ...address, ...one })
        : serve(served, { ...address, ...one, workers }),
    address,
    (running) => announce(running.url),
    alsoClose,
  );
}

/**
 * Starts a server listening on `address` with `start`, prints
 * `announce(server)`, and stops it on a signal. Resolves once the server
 * listens; throws a `CliError` when it cannot. `alsoClose` runs after the
 * server has closed.
 * @example await runUntilStopped(() => serveFastCGI(app, address), address, (s) => `On ${s.address}`);
 */
export async function runUntilStopped<Server extends Stoppable>(
  start: () => Promise<Server>,
  address: ListenAddress,
  announce: (server: Server) => string,
  alsoClose: () => Promise<void> = async () => {},
): Promise<Server> {
  const running = await start().catch((error: unknown) => {
    throw listenError(error, address);
  });
  const { supervisor } = running;
  if (supervisor === undefined) {
    // Listen for signals before printing: whoever reads the address may signal at once.
    stopOnSignals(async () => {
      await running.close();
      await alsoClose();
    }, "");
    console.log(announce(running));
    return running;
  }
  const requests = await reloadOnRequest(supervisor, address.host);
  const grace = ` requests under way may finish within ${supervisor.gracefulTimeout / 1000} s (Ctrl-C again stops at once)`;
  stopOnSignals(async () => {
    await requests.close();
    await running.close();
    await alsoClose();
  }, grace);
  // Workers that kept dying stopped the server: say why, and exit with code 1.
  supervisor.failed.catch(async (error: Error) => {
    await requests.close();
    await alsoClose();
    console.error(error.message);
    process.exit(1);
  });
  console.log(announce(running));
  console.log(requests.hint);
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

/** On a stop signal, prints `Stopping (SIGNAL)...` and `more`, closes, and exits. */
function stopOnSignals(close: () => Promise<void>, more: string): void {
  const stop = (signal: NodeJS.Signals): void => {
    // Node's default comes back, so a second Ctrl-C ends the process at once.
    for (const each of STOP_SIGNALS) process.off(each, stop);
    console.log(`Stopping (${signal})...${more}`);
    close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      },
    );
  };
  for (const signal of STOP_SIGNALS) process.on(signal, stop);
}
