/**
 * Serving the app a command line names: what `gateway serve` and
 * `gateway fastcgi` share.
 *
 * Both read `FILE[:EXPORT]` and the same options, load the app, wrap it in
 * the validator with `--validate`, and serve it until stopped: in this
 * process, or with `--workers N` in N worker processes. Then the
 * supervisor never loads the app: each worker does, so a reload serves the
 * code as it is on disk now, and an app that fails as it loads is stopped
 * by the crash-loop guard rather than started again for ever.
 *
 * `--trace` turns tracing on before the app is loaded and serves the trace
 * page beside it (trace-option.ts). The page reads the traces of the
 * process it runs in, so `--trace` serves from this process only: with
 * `--workers` it is refused, with the reason.
 *
 * @example
 * await serveApp(args, HTTP_PORT, (app, options) => serve(app, options), (target, { host, port }) =>
 *   `Serving ${target} on http://${hostAndPort(host, port)}/ (Ctrl-C to stop)`);
 */
import type { App } from "../types.ts";
import { runInWorkers } from "../workers/run-in-workers.ts";
import type { WorkerServer } from "../workers/worker.ts";
import { CliError } from "./cli-error.ts";
import { parseCommand } from "./command.ts";
import { type ListenAddress, listenAddress, listenOptions } from "./listen-address.ts";
import { loadApp } from "./load-app.ts";
import { runUntilStopped } from "./serve-until-stopped.ts";
import { servedApp, traceIfAsked, traceLine, traceOptions, withTracePage } from "./trace-option.ts";
import { readWorkerOptions, workerOptions } from "./worker-options.ts";

/** The options of a command that serves an app: where, `--validate`, how many workers, `--trace`. */
export const appServerOptions = {
  ...listenOptions,
  validate: { type: "boolean" },
  ...workerOptions,
  ...traceOptions,
} as const;

/** Where and how a command asks its server to listen. */
export interface AppServerOptions extends ListenAddress {
  gracefulTimeout?: number;
}

/**
 * Serves the app `args` name with `start` until stopped, and prints
 * `announce(target, server)`: `target` is `FILE:EXPORT` (with workers, the
 * operand as typed, since only the workers load the file).
 * @example await serveApp(args, FASTCGI_PORT, serveFastCGI, (target, s) => `FastCGI for ${target}`);
 */
export async function serveApp(
  args: string[],
  defaultPort: number,
  start: (app: App, options: AppServerOptions) => Promise<WorkerServer>,
  announce: (target: string, server: { host: string; port: number }) => string,
): Promise<void> {
  const { operand, values } = parseCommand(args, "FILE[:EXPORT]", appServerOptions);
  const address = listenAddress(values, defaultPort);
  const { workers, gracefulTimeout } = readWorkerOptions(values);
  if (values.trace && workers !== undefined) throw new CliError(TRACE_WITH_WORKERS);
  const load = async () => {
    const loaded = await loadApp(operand);
    return { ...loaded, app: servedApp(loaded.app, values) };
  };
  if (workers === undefined) {
    const tracer = traceIfAsked(values); // before loading: the app's stack() calls ask
    const { app, file, exportName } = await load();
    const target = `${file}:${exportName}`;
    await runUntilStopped(
      () =>
        withTracePage(tracer, () => start(app, { ...address, gracefulTimeout }), values, target),
      address,
      (server) => announce(target, server) + traceLine(server),
    );
    return;
  }
  await runUntilStopped(
    () =>
      runInWorkers(async (port) => start((await load()).app, { ...address, port }), {
        workers,
        ...address,
        gracefulTimeout,
      }),
    address,
    (served) => announce(operand, served),
  );
}

/** Why `--trace` and `--workers` do not go together (the sign-in launcher says it too). */
export const TRACE_WITH_WORKERS =
  "--trace cannot be used with --workers: the trace page shows the requests of the process " +
  "it runs in, and each worker serves only its share. Leave out --workers to trace the app.";
