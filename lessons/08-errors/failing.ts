/**
 * Two apps that fail, for the error-handling middleware to meet.
 *
 * Both read from a "database" that breaks. `failsEarly` fails before its
 * first chunk, while nothing has been sent; `failsLate` fails in the middle
 * of its page, after the headers and the first rows went out. The error
 * message holds details (a host, a user name) that must never reach a visitor.
 */
import { setTimeout as sleep } from "node:timers/promises";
import { encode } from "../../gateway/bytes.ts";
import type { App } from "../../gateway/types.ts";

const lost = () => new Error("connection to db.internal:5432 lost (user report_admin)");

async function countSales(): Promise<number> {
  throw lost();
}

/** Rows arrive one by one, as from a real database, until the connection breaks. */
async function* salesRows(): AsyncGenerator<string> {
  for (const row of ["January: 120 sales", "February: 98 sales"]) {
    await sleep(200);
    yield row;
  }
  await sleep(200);
  throw lost();
}

// #region failing
export const failsEarly: App = async function* (_environ, startResponse) {
  startResponse("200 OK", [["Content-Type", "text/html; charset=utf-8"]]);
  const total = await countSales(); // fails before the first chunk: nothing was sent
  yield encode(`<!doctype html>\n<title>Report</title>\n<p>${total} sales</p>\n`);
};

export const failsLate: App = async function* (_environ, startResponse) {
  startResponse("200 OK", [["Content-Type", "text/html; charset=utf-8"]]);
  yield encode("<!doctype html>\n<title>Report</title>\n<h1>Sales</h1>\n<ul>\n");
  for await (const row of salesRows()) yield encode(`<li>${row}</li>\n`); // fails after two rows
  yield encode("</ul>\n");
};
// #endregion failing
