/**
 * The gateway server's hello world with tracing on: `gateway serve --trace`.
 *
 * The same app as `gateway.ts`, traced as `--trace` traces it (the server's
 * side and the app, gateway/trace/), with the trace page listening beside
 * it. Every request is recorded (the tracer keeps the last 100); nobody
 * watches the page. Set beside `gateway.ts`, which is the same server with
 * tracing off, it gives the cost of tracing; with tracing off, no tracer
 * code runs at all.
 *
 * @example
 * // node --import tsx bench/servers/traced.ts
 * // http://127.0.0.1:40126/
 */
import { serve } from "../../gateway/http-server.ts";
import { serveTracePage } from "../../gateway/trace/server.ts";
import { tracedApp } from "../../gateway/trace/stack.ts";
import { startTracing } from "../../gateway/trace/tracer.ts";
import { announce, helloApp } from "./shared.ts";

const tracer = startTracing();

const server = await serve(tracedApp(helloApp), { host: "127.0.0.1", port: 0 });
await serveTracePage(tracer, { port: 0, title: "bench" });
announce(server.url);
