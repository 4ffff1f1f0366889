/**
 * A class middleware: a rate limit that answers 429 to a client who asks too often.
 *
 * The constructor takes the app and the options; `app` is a bound property;
 * each concern is a small private method; the counts are state kept across requests.
 */
import { encode } from "../../gateway/bytes.ts";
import type { App, Body, StartResponse } from "../../gateway/types.ts";

// #region rate-limit
export interface RateLimitOptions {
  limit: number; // requests per client and window
  windowSeconds: number;
}

export class RateLimit {
  readonly #app: App;
  readonly #options: RateLimitOptions;
  readonly #hits = new Map<string, number>(); // per client address, in this window
  #windowEnds = 0;

  constructor(app: App, options: RateLimitOptions) {
    this.#app = app;
    this.#options = options;
  }

  readonly app: App = (environ, startResponse) => {
    const hits = this.#count(environ.REMOTE_ADDR ?? "unknown");
    if (hits > this.#options.limit) return this.#refuse(startResponse);
    return this.#app(environ, startResponse);
  };

  #count(client: string): number {
    if (Date.now() >= this.#windowEnds) {
      this.#hits.clear();
      this.#windowEnds = Date.now() + this.#options.windowSeconds * 1000;
    }
    const hits = (this.#hits.get(client) ?? 0) + 1;
    this.#hits.set(client, hits);
    return hits;
  }

  #refuse(startResponse: StartResponse): Body {
    const wait = String(Math.ceil((this.#windowEnds - Date.now()) / 1000));
    const body = encode(`Too many requests. Try again in ${wait} s.\n`);
    startResponse("429 Too Many Requests", [
      ["Content-Type", "text/plain; charset=utf-8"],
      ["Content-Length", String(body.byteLength)],
      ["Retry-After", wait],
    ]);
    return [body];
  }
}
// #endregion rate-limit
