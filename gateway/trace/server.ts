/**
 * The trace page's own server: on a loopback port beside the traced app.
 *
 * The page runs in the traced process (it reads the tracer in memory) but
 * never among the app's routes: the app's URL space stays the app's, and
 * the page listens on 127.0.0.1 only, whatever `--host` the app was given.
 * By default its port is the app's plus 100 (lesson 05's demo on 8005,
 * its trace on 8105; `gateway serve` on 8000, its trace on 8100), so an
 * instructor's bookmark, and the workshop home, find it again.
 *
 * @example
 * const page = await serveTracePage(startTracing(), { port: 8105, title: "lesson 05" });
 * console.log(`Trace: ${page.url}`); // http://127.0.0.1:8105/trace
 * // later: await page.close();
 */
import { serve } from "../http-server.ts";
import { TRACE_PATH, traceRoutes } from "./routes.ts";
import type { Tracer } from "./tracer.ts";

/** Where the page listens, and what it is the trace of. */
export interface TracePageOptions {
  port: number;
  title: string;
}

/** A trace page that is listening. */
export interface RunningTracePage {
  /** The page's address: http://127.0.0.1:PORT/trace */
  url: string;
  port: number;
  /** Ends the live streams and stops listening. */
  close(): Promise<void>;
}

/**
 * The port a trace page takes by default: the app's plus 100, or any free one.
 * @example tracePortFor(8005); // 8105
 */
export function tracePortFor(appPort: number): number {
  return appPort === 0 || appPort + 100 > 65535 ? 0 : appPort + 100;
}

/**
 * Serves the trace page of `tracer` on 127.0.0.1.
 * @example const { url, close } = await serveTracePage(tracer, { port: 0, title: "app.ts" });
 */
export async function serveTracePage(
  tracer: Tracer,
  options: TracePageOptions,
): Promise<RunningTracePage> {
  const stop = new AbortController();
  const server = await serve(traceRoutes(tracer, { title: options.title, stop: stop.signal }), {
    host: "127.0.0.1",
    port: options.port,
  });
  return {
    url: `${server.url.replace(/\/$/, "")}${TRACE_PATH}`,
    port: server.port,
    close: () => {
      stop.abort();
      return server.close();
    },
  };
}
