/**
 * A generator function is itself an app: a slow countdown, streamed line by line.
 *
 * Calling `countdown(environ, startResponse)` runs none of its body: it
 * returns a generator, the response body. The server pulls the first chunk,
 * and only then does the body start running, call startResponse, and yield.
 * If the client goes away, the server calls the generator's return(), and
 * the `finally` block runs: the server's terminal says so.
 */
import { setTimeout as sleep } from "node:timers/promises";
import { encode } from "../../gateway/bytes.ts";
import type { App } from "../../gateway/types.ts";

// #region countdown
export const countdown: App = async function* (environ, startResponse) {
  const log = environ["gateway.errors"];
  startResponse("200 OK", [["Content-Type", "text/plain; charset=utf-8"]]);
  let n = 10;
  try {
    for (; n > 0; n--) {
      log.write(`countdown: sending ${n}\n`);
      yield encode(`launch in ${n}\n`);
      await sleep(1000);
    }
    yield encode("Liftoff!\n");
  } finally {
    log.write(n === 0 ? "countdown: finished\n" : `countdown: finally ran at ${n}\n`);
  }
};
// #endregion countdown
