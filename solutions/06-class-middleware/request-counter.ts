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
import type { App } from "../../gateway/types.ts";

export class RequestCounter {
  readonly #app: App;
  #count = 0;

  constructor(app: App) {
    this.#app = app;
  }

  /** How many requests this counter has seen. */
  get count(): number {
    return this.#count;
  }

  // An arrow function takes `this` from where it is written: the instance
  // being built. So `counter.app` works when a server calls it on its own.
  readonly app: App = (environ, startResponse) => {
    // Read and written with no await in between: no other request can slip in.
    const number = ++this.#count;
    return this.#app(environ, (status, headers, excInfo) =>
      startResponse(status, [...headers, ["X-Request-Count", String(number)]], excInfo),
    );
  };
}
