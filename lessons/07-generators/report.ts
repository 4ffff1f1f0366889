/**
 * A generator that waits for something slow, and stops waiting when its
 * client leaves: `gateway.signal`, handed to what it awaits.
 *
 * `finally` runs when the server finishes the generator, but the server
 * can only do that at a `yield`: a generator stuck in an `await` (a slow
 * database query, here a timer that stands in for one) would wait for its
 * answer first, for a client that has gone. `gateway.signal` aborts the
 * moment the server sees the connection close; the awaited call, given
 * the signal, throws at once, and `finally` runs.
 */
import { setTimeout as sleep } from "node:timers/promises";
import { encode } from "../../gateway/bytes.ts";
import type { App } from "../../gateway/types.ts";

/**
 * The report, with a query that takes `queryMs` milliseconds.
 * @example const app = report(5000);
 */
export function report(queryMs: number): App {
  // #region report
  return async function* (environ, startResponse) {
    const signal = environ["gateway.signal"]; // aborts when the client leaves
    const log = environ["gateway.errors"];
    startResponse("200 OK", [["Content-Type", "text/plain; charset=utf-8"]]);
    try {
      yield encode("Counting the rows...\n");
      log.write("report: query started\n");
      const rows = await sleep(queryMs, 1234, { signal }); // a query that takes a while
      yield encode(`${rows} rows\n`);
    } finally {
      log.write(signal.aborted ? "report: the client left, query stopped\n" : "report: done\n");
    }
  };
  // #endregion report
}
