/**
 * Exercise: put the stack in order.
 *
 * `stack(log)` wraps `app` in three pieces of the kit: `requestLog`,
 * `compression` and `errorDocuments`. All three are there, but in an order
 * that gets two things wrong:
 *
 * - the log must count the bytes that were really sent: for a client that
 *   takes gzip, the compressed bytes, not the bytes the app made;
 * - the 404 page (`notFoundPage`, 2 kB of HTML) must be compressed too,
 *   like every other page.
 *
 * Change the order of the layers in `stack` so that both hold. Change
 * nothing else: each layer keeps its options.
 *
 * Check it: npm run learn -- check 09-order-the-stack
 * Read: lessons/09-reuse/README.md, "Exercise: put the stack in order".
 */
import { html, htmlResponse } from "../../gateway/html.ts";
import { compression } from "../../gateway/kit/compression.ts";
import { errorDocuments } from "../../gateway/kit/error-documents.ts";
import { requestLog } from "../../gateway/kit/request-log.ts";
import type { App } from "../../gateway/types.ts";

const FILLER = "<p>All work and no play makes a dull page.</p>\n".repeat(40);

export const app: App = (environ, startResponse) => {
  if (environ.PATH_INFO !== "/") {
    return htmlResponse(startResponse, "404 Not Found", html`<h1>Not Found</h1>`);
  }
  return htmlResponse(startResponse, "200 OK", html`<h1>Home</h1>${FILLER}`);
};

export const notFoundPage: App = (_environ, startResponse) =>
  htmlResponse(startResponse, "200 OK", html`<h1>Nothing here</h1>${FILLER}`);

export function stack(log: (line: string) => void): App {
  // Outermost, the log sees the answer as it leaves: compressed. Inside
  // compression, the error page is compressed like any other answer.
  return requestLog({ to: log })(compression()(errorDocuments({ 404: notFoundPage })(app)));
}
