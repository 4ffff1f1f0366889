/**
 * Why a class middleware exposes its app as a bound property.
 *
 * `Greeter` has its app as an ordinary method. Taken off the instance
 * (`greeter.app`) and called as a plain function, as every server calls an
 * app, the method runs with `this` undefined, and the first `this.#greeting`
 * throws. `npm run demo -- 6 unbound` serves the broken one.
 */
import { encode } from "../../gateway/bytes.ts";
import type { App, Body, Environ, StartResponse } from "../../gateway/types.ts";

// #region unbound
class Greeter {
  readonly #greeting: string;

  constructor(greeting: string) {
    this.#greeting = greeting;
  }

  app(_environ: Environ, startResponse: StartResponse): Body {
    startResponse("200 OK", [["Content-Type", "text/plain; charset=utf-8"]]);
    return [encode(`${this.#greeting}\n`)];
  }
}

const greeter = new Greeter("Hello from a class!");
export const broken: App = greeter.app; // only the function: `this` stays behind
export const bound: App = greeter.app.bind(greeter); // `this` fixed to greeter
// #endregion unbound
