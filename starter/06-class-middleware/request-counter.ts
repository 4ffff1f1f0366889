/**
 * Exercise 06-request-counter: a class middleware that counts requests.
 *
 * `new RequestCounter(app)` wraps an app. Its `app` property is the
 * middleware's app: it counts each request, and adds the number of that
 * request to the answer as a header: `X-Request-Count: 1` on the first
 * answer, `2` on the second, and so on. `counter.count` says how many
 * requests the counter has seen.
 *
 *   const counter = new RequestCounter(hello);
 *   await serve(counter.app); // the server gets the function alone, not the instance
 *
 * Two things to do:
 * 1. `app` is an ordinary method below. A server is handed `counter.app`
 *    alone and calls it as a plain function, so `this` is undefined inside
 *    it. Make `app` a readonly property that holds an arrow function.
 * 2. Keep the count in the instance (two counters count separately), and add
 *    the header by wrapping startResponse, as in lesson 05.
 *
 * Check it: npm run learn -- check 06-request-counter
 * Read: lessons/06-class-middleware/README.md, "Exercise: count requests".
 */
import type { App, Body, Environ, StartResponse } from "../../gateway/types.ts";

export class RequestCounter {
  readonly #app: App;

  constructor(app: App) {
    this.#app = app;
  }

  /** How many requests this counter has seen. */
  get count(): number {
    // TODO: return the count you keep in the instance.
    return 0;
  }

  // TODO: make this method a property holding an arrow function:
  //   readonly app: App = (environ, startResponse) => { ... };
  // TODO: count the request, then call the app with a startResponse of your
  // own that adds ["X-Request-Count", String(number)] to the headers.
  app(environ: Environ, startResponse: StartResponse): Body | Promise<Body> {
    return this.#app(environ, startResponse);
  }
}
