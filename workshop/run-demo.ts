/**
 * Running a lesson's demo: `npm run demo -- 3` serves lesson 03's app on
 * http://127.0.0.1:8003/ and prints that address.
 *
 * A demo file is a few lines an instructor can show on a projector: it
 * builds its app and hands it to `runDemo` with its lesson number. Like
 * every server here it takes `--host`/`--port`, else `HOST`/`PORT`, else
 * 127.0.0.1 and 8000 + the lesson number. With `--trace` it also serves
 * the trace page (gateway/cli/trace-option.ts), on 8100 + the lesson
 * number unless `--trace-port` says otherwise; `npm run demo` turns
 * tracing on before the demo's files build their stacks.
 *
 * @example
 * // lessons/03-gateway-app/demo.ts
 * import { runDemo } from "../../workshop/run-demo.ts";
 * import { app } from "./app.ts";
 * await runDemo(app, 3);
 */
import { CliError } from "../gateway/cli/cli-error.ts";
import { readArgs } from "../gateway/cli/command.ts";
import { HTTP_PORT, listenAddress, listenOptions } from "../gateway/cli/listen-address.ts";
import { runUntilStopped } from "../gateway/cli/serve-until-stopped.ts";
import {
  servedApp,
  traceIfAsked,
  traceLine,
  traceOptions,
  type WithTracePage,
  withTracePage,
} from "../gateway/cli/trace-option.ts";
import { type RunningServer, serve } from "../gateway/http-server.ts";
import type { App } from "../gateway/types.ts";
import { demoListening } from "./running-demos.ts";

/** Serves a lesson's demo app until Ctrl-C; resolves once it listens. */
export async function runDemo(
  app: App,
  lesson: number,
): Promise<WithTracePage<RunningServer> | undefined> {
  const name = `Lesson ${String(lesson).padStart(2, "0")} demo`;
  try {
    const { values } = readArgs(process.argv.slice(2), { ...listenOptions, ...traceOptions });
    const address = listenAddress(values, HTTP_PORT + lesson);
    const tracer = traceIfAsked(values);
    const running = await runUntilStopped(
      () => withTracePage(tracer, () => serve(servedApp(app, values), address), values, name),
      address,
      (served) => `${name}: open ${served.url}${traceLine(served)}\nPress Ctrl-C to stop.`,
    );
    demoListening(running.url, running.tracePage?.url);
    return running;
  } catch (error) {
    if (!(error instanceof CliError)) throw error;
    console.error(`${name}: ${error.message}`);
    process.exitCode = error.exitCode;
    return undefined;
  }
}
