/**
 * `stack()` and `traced()`: composing middleware so a trace names each layer.
 *
 * `stack(app, a, b, c)` is `c(b(a(app)))`, written in the order the layers
 * wrap: the first middleware is the innermost, the last the outermost (the
 * one the server calls), as you would write the nesting from the inside
 * out. With tracing on (tracer.ts), each layer and the app get a trace
 * point, named after the function the layer made (`logged`, `signing`),
 * or as `traced(name, middleware)` says; with tracing off, `stack` is just
 * that composition and `traced` returns the middleware itself: no wrapper
 * at all, so nothing to pay.
 *
 * @example
 * const app = stack(
 *   hello,
 *   traced("inner logger", logger({ label: "inner" })),
 *   signature("signed by lesson 05"),
 *   traced("outer logger", logger({ label: "outer" })),
 * );
 */
import type { App, Middleware } from "../types.ts";
import { isTracePoint, tracePoint } from "./trace-point.ts";
import { activeTracer } from "./tracer.ts";

/**
 * A middleware whose layer shows in a trace as `name` (when tracing is on).
 * @example const app = traced("sessions", sessions(options))(routes);
 */
export function traced(name: string, middleware: Middleware): Middleware {
  checkMiddleware(middleware, `traced("${name}", ...)`);
  const tracer = activeTracer();
  if (tracer === undefined) return middleware;
  return (app) => tracePoint(tracer, name, middleware(app));
}

/**
 * The app, shown in a trace as `name` (by default its function's name), when tracing is on.
 * @example await serve(tracedApp(app), { port: 8003 });
 */
export function tracedApp(app: App, name?: string): App {
  const tracer = activeTracer();
  if (tracer === undefined || isTracePoint(app)) return app;
  return tracePoint(tracer, name ?? laneName(app, "app"), app);
}

/**
 * Wraps `app` in each middleware in turn: the first is the innermost.
 * @example const app = stack(routes, loadUser(users), httpErrors(), sessions(options));
 */
export function stack(app: App, ...middleware: Middleware[]): App {
  if (typeof app !== "function") {
    throw new TypeError(
      `stack() takes an app first, not ${describe(app)}: stack(app, middleware1, middleware2, ...)`,
    );
  }
  middleware.forEach((layer, i) => {
    checkMiddleware(layer, `stack()'s middleware ${i + 1}`);
  });
  const tracer = activeTracer();
  const names = new Set<string>();
  const named = (layer: App, fallback: string) => {
    const name = unique(laneName(layer, fallback), names);
    names.add(name);
    return tracer === undefined || isTracePoint(layer) ? layer : tracePoint(tracer, name, layer);
  };
  let composed = named(app, "app");
  middleware.forEach((layer, i) => {
    const wrapped = layer(composed);
    if (typeof wrapped !== "function") {
      throw new TypeError(
        `stack()'s middleware ${i + 1} returned ${describe(wrapped)}, not an app: ` +
          "a middleware takes an app and returns an app. Did you pass its factory without its options?",
      );
    }
    composed = wrapped === composed ? composed : named(wrapped, `layer ${i + 1}`);
  });
  return composed;
}

/** Refuses what is not a function when it is registered, not when a request comes. */
function checkMiddleware(layer: unknown, where: string): asserts layer is Middleware {
  if (typeof layer !== "function") {
    throw new TypeError(
      `${where} is ${describe(layer)}, not a middleware: a middleware is a function from an app to an app`,
    );
  }
}

/** A function's own name ("bound " dropped), or `fallback` for an anonymous one. */
function laneName(app: App, fallback: string): string {
  const name = app.name.replace(/^bound /, "");
  return name === "" || name === "anonymous" ? fallback : name;
}

/** `name`, or `name 2`, `name 3`... when a lane of the stack has it already. */
function unique(name: string, taken: Set<string>): string {
  if (!taken.has(name)) return name;
  let n = 2;
  while (taken.has(`${name} ${n}`)) n += 1;
  return `${name} ${n}`;
}

function describe(value: unknown): string {
  if (value === null || value === undefined) return String(value);
  return Array.isArray(value) ? "an array" : `a ${typeof value}`;
}
