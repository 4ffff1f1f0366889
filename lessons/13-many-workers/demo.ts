/**
 * `npm run demo -- 13`: lesson 13's counter from two worker processes, on
 * http://127.0.0.1:8013/, counting in PostgreSQL: an embedded one, or the
 * server `DATABASE_URL` names. `--workers N` for another number.
 */
import { serveCounter } from "./serve-counter.ts";

await serveCounter(process.argv.slice(2));
