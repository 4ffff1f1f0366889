/**
 * Exercise 06-allow-list: a class middleware with options: an allow-list of client addresses.
 *
 * `new AllowList(app, { allow: ["127.0.0.1", "::1"] })` lets requests from
 * those addresses through to the app, and answers every other request
 * itself, without calling the app:
 *
 *   HTTP/1.1 403 Forbidden
 *   Content-Type: text/plain; charset=utf-8
 *   Content-Length: 42
 *
 *   Forbidden: 10.0.0.9 may not use this app.
 *
 * The client's address is `environ.REMOTE_ADDR`. Write one method per
 * concern: `#isAllowed(environ)` decides, `#forbid(environ, startResponse)`
 * answers, and the `app` property only puts the two together.
 *
 * Check it: npm run learn -- check 06-allow-list
 * Read: lessons/06-class-middleware/README.md, "Exercise: an allow-list".
 */
import type { App } from "../../gateway/types.ts";

export interface AllowListOptions {
  /** The client addresses let in, as REMOTE_ADDR spells them: "127.0.0.1", "::1". */
  allow: string[];
}

export class AllowList {
  readonly #app: App;
  /** The addresses let in. A Set: one look-up, however long the list. */
  readonly allowed: ReadonlySet<string>;

  constructor(app: App, options: AllowListOptions) {
    this.#app = app;
    this.allowed = new Set(options.allow);
  }

  readonly app: App = (environ, startResponse) => {
    // TODO: when this.#isAllowed(environ) is false, return this.#forbid(environ, startResponse).
    return this.#app(environ, startResponse);
  };

  // TODO: #isAllowed(environ: Environ): boolean, true when this.allowed has environ.REMOTE_ADDR.
  // TODO: #forbid(environ: Environ, startResponse: StartResponse): Body, the 403 answer above.
}
