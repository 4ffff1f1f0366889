/**
 * Lesson 13's counter: one app that counts every request twice, the
 * lesson 06 way (a field of the process) and the lesson 13 way (a row in
 * the database), and says which worker answered.
 *
 * Under one process both counts agree. Under `--workers 2` each worker has
 * its own field, so the memory counts repeat (1, 1, 2, 2, ...) while the
 * database's goes 1, 2, 3, 4: the learner sees the first one break.
 *
 * @example
 * const app = counterApp(new PostgresCounts(url));
 * // GET / -> "worker 4242 (gateway.multiprocess: true)\nthis worker's memory: 1\nthe database: 7\n"
 */
import { encode } from "../../gateway/bytes.ts";
import { httpErrors } from "../../gateway/kit/http-error-middleware.ts";
import type { App } from "../../gateway/types.ts";
import type { Counts } from "./counts.ts";

/**
 * The counting app over `counts`; a database that is down gives a 503 page.
 * @example serve(counterApp(new PostgresCounts(url)), { workers: 2 });
 */
export function counterApp(counts: Counts): App {
  // #region counter
  let inMemory = 0; // one per process: each worker has its own copy
  const app: App = async (environ, startResponse) => {
    const mine = ++inMemory;
    const shared = await counts.increment("requests");
    const body = encode(
      `worker ${process.pid} (gateway.multiprocess: ${environ["gateway.multiprocess"]})\n` +
        `this worker's memory: ${mine}\n` +
        `the database: ${shared}\n`,
    );
    startResponse("200 OK", [
      ["Content-Type", "text/plain; charset=utf-8"],
      ["Content-Length", String(body.byteLength)],
    ]);
    return [body];
  };
  // #endregion counter
  return httpErrors()(app);
}
