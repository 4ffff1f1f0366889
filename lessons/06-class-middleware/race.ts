/**
 * State shared by interleaved requests: two counters, one that loses updates.
 *
 * Node runs one request at a time, but only until it reaches an `await`:
 * there it may switch to another request. `SlowCounter` reads its count,
 * awaits (here, reading the request body), then writes the count it read
 * plus one: every request that ran in between is lost.
 */
import { collect, encode } from "../../gateway/bytes.ts";
import type { App } from "../../gateway/types.ts";

// #region race
export class SlowCounter {
  visits = 0;

  readonly app: App = async (environ, startResponse) => {
    const seen = this.visits; // read...
    await collect(environ["gateway.input"]); // ...other requests run here...
    this.visits = seen + 1; // ...write: their updates are overwritten
    startResponse("200 OK", [["Content-Type", "text/plain; charset=utf-8"]]);
    return [encode(`visit ${this.visits}\n`)];
  };
}

export class SafeCounter {
  visits = 0;

  readonly app: App = async (environ, startResponse) => {
    const visit = ++this.visits; // read and write with no await between them
    await collect(environ["gateway.input"]);
    startResponse("200 OK", [["Content-Type", "text/plain; charset=utf-8"]]);
    return [encode(`visit ${visit}\n`)];
  };
}
// #endregion race
