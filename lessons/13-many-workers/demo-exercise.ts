/**
 * `npm run demo -- 13 exercise`: your two exercises of lesson 13
 * (starter/13-many-workers/), on http://127.0.0.1:8013/.
 *
 * `/13-shared-counter` is answered by two `SharedCounter`s in turn, two
 * "workers" over one shared count, as the test has them: `curl -i` it a
 * few times, and `X-Request-Count` says whether they count together. `/13-count-sign-ins` runs your
 * SQLite step on a users table that already has a user, and shows what
 * that user's `sign_ins` is, or SQLite's error.
 *
 * @example
 * // npm run demo -- 13 exercise, then: curl http://127.0.0.1:8013/13-shared-counter
 */
import { encode } from "../../gateway/bytes.ts";
import type { App } from "../../gateway/types.ts";
import { countSignIns } from "../../starter/13-many-workers/count-sign-ins.ts";
import { SharedCounter } from "../../starter/13-many-workers/shared-counter.ts";
import { BetterSqlite3 } from "../../starter/signin/store/sqlite-driver.ts";
import { runExerciseDemo } from "../../workshop/exercise-demo.ts";
import type { Counts } from "./counts.ts";

/** Answers plain text. */
function text(body: string): App {
  return (_environ, startResponse) => {
    const bytes = encode(body);
    startResponse("200 OK", [
      ["Content-Type", "text/plain; charset=utf-8"],
      ["Content-Length", String(bytes.byteLength)],
    ]);
    return [bytes];
  };
}

/** One count for both "workers", as a database would keep it. */
let total = 0;
const shared: Counts = { increment: async () => ++total };
const workers = ["A", "B"].map((name) => ({
  name,
  counter: new SharedCounter(
    text(`answered by worker ${name}: its number is the X-Request-Count header (curl -i)\n`),
    shared,
  ),
}));
let turn = 0;

/** Each request goes to the next worker, as the supervisor hands out connections. */
const twoWorkers: App = (environ, startResponse) =>
  (workers[turn++ % 2] as (typeof workers)[number]).counter.app(environ, startResponse);

/** Your SQLite step on a users table with one user in it. */
const migration: App = (environ, startResponse) => {
  const db = new BetterSqlite3(":memory:");
  try {
    db.exec("CREATE TABLE users (id INTEGER PRIMARY KEY, username TEXT NOT NULL UNIQUE) STRICT");
    db.exec("INSERT INTO users (username) VALUES ('ada')");
    db.exec(countSignIns.sqlite);
    const row = db.prepare("SELECT sign_ins FROM users").get() as { sign_ins: unknown };
    return text(`${countSignIns.sqlite}\n\nada's sign_ins: ${String(row.sign_ins)}\n`)(
      environ,
      startResponse,
    );
  } catch (error) {
    const sql = countSignIns.sqlite || "(countSignIns.sqlite is empty)";
    return text(`${sql}\n\nSQLite refused it: ${(error as Error).message}\n`)(
      environ,
      startResponse,
    );
  } finally {
    db.close();
  }
};

await runExerciseDemo(13, {
  "13-shared-counter": twoWorkers,
  "13-count-sign-ins": migration,
});
