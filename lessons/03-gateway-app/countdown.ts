/**
 * Why the body is an iterable: an app that sends its answer in pieces.
 *
 * The server sends each chunk as soon as the app yields it, and asks for
 * the next one only when the client has taken it. Nothing waits for the
 * whole body, and nothing holds all of it in memory.
 *
 * @example
 * // npm run demo -- 3 countdown, then: curl -N http://127.0.0.1:8003/
 */
import { setTimeout as sleep } from "node:timers/promises";
import { encode } from "../../gateway/bytes.ts";
import type { App } from "../../gateway/types.ts";

// #region countdown
export const countdown: App = (_environ, startResponse) => {
  startResponse("200 OK", [["Content-Type", "text/plain; charset=utf-8"]]);
  return (async function* () {
    for (let n = 3; n > 0; n--) {
      yield encode(`${n}...\n`);
      await sleep(1000);
    }
    yield encode("Hello World!\n");
  })();
};
// #endregion countdown
