/**
 * `--trace`: serve an app with its trace page beside it.
 *
 * `gateway serve --trace`, `gateway fastcgi --trace` and `npm run demo --
 * N --trace` turn tracing on before they load the app (so the `stack()`
 * and `traced()` calls in its files add their trace points), trace the
 * server's side and the outermost app, and serve the trace page on a
 * loopback port of its own: `--trace-port`, else the app's port plus 100
 * (gateway/trace/server.ts). The page stops with the server.
 *
 * @example
 * const tracer = traceIfAsked(values);            // before loadApp
 * const { app } = await loadApp(operand);
 * await runUntilStopped(() => withTracePage(tracer, () => serve(servedApp(app, values), address), values, "app.ts"), ...);
 */

import { type RunningTracePage, serveTracePage, tracePortFor } from "../trace/server.ts";
import { tracedApp } from "../trace/stack.ts";
import type { Tracer } from "../trace/tracer.ts";
import { startTracing } from "../trace/tracer.ts";
import type { App } from "../types.ts";
import { validator } from "../validator/index.ts";
import { CliError } from "./cli-error.ts";
import { parsePort } from "./listen-address.ts";
import type { Stoppable } from "./serve-until-stopped.ts";

/**
 * The options of a command that can trace, in `parseArgs` form.
 * @example parseCommand(args, "FILE", { ...listenOptions, ...traceOptions });
 */
export const traceOptions = {
  trace: { type: "boolean" },
  "trace-port": { type: "string" },
} as const;

/** What those options read as. */
export interface TraceFlags {
  trace?: boolean;
  "trace-port"?: string;
  validate?: boolean;
}

/** A server, and its trace page when there is one. */
export type WithTracePage<Server> = Server & { tracePage?: RunningTracePage };

/**
 * Turns tracing on when `--trace` was given: call it before loading the app.
 * @example const tracer = traceIfAsked({ trace: true });
 */
export function traceIfAsked(flags: TraceFlags): Tracer | undefined {
  return flags.trace ? startTracing() : undefined;
}

/**
 * The app a command serves: in the validator with `--validate`, and traced
 * (the validator then shows as a lane of its own) when tracing is on.
 * @example await serve(servedApp(app, { validate: true }), address);
 */
export function servedApp(app: App, flags: TraceFlags): App {
  const own = tracedApp(app);
  return flags.validate ? tracedApp(validator(own), "validator") : own;
}

/**
 * Starts a server with `start`, then, if `tracer` is given, the trace
 * page beside it; the result closes both.
 * @example const running = await withTracePage(tracer, () => serve(app, address), flags, "app.ts");
 */
export async function withTracePage<Server extends Stoppable & { port: number }>(
  tracer: Tracer | undefined,
  start: () => Promise<Server>,
  flags: TraceFlags,
  title: string,
): Promise<WithTracePage<Server>> {
  const server = await start();
  if (tracer === undefined) return server;
  const port =
    flags["trace-port"] === undefined
      ? tracePortFor(server.port)
      : parsePort(flags["trace-port"], "--trace-port");
  const tracePage = await serveTracePage(tracer, { port, title }).catch(async (error: unknown) => {
    await server.close();
    throw pageError(error, port);
  });
  const closeServer = server.close.bind(server);
  return Object.assign(server, {
    tracePage,
    close: () => Promise.all([closeServer(), tracePage.close()]).then(() => undefined),
  });
}

/**
 * The line that tells where the trace page is, or "" without one.
 * @example console.log(`Serving ...${traceLine(running)}`);
 */
export function traceLine(server: { tracePage?: RunningTracePage }): string {
  const page = server.tracePage;
  return page === undefined
    ? ""
    : `\nTrace: open ${page.url} to see each request go through the app`;
}

function pageError(error: unknown, port: number): unknown {
  if ((error as NodeJS.ErrnoException).code === "EADDRINUSE") {
    return new CliError(
      `port ${port} for the trace page is in use: pass --trace-port (0 picks a free one)`,
    );
  }
  return error;
}
